import { describe, expect, it } from 'vitest';
import { ConnectionStates, type HostConnectionState } from '../../../../src/platform/ssh/connection-state.js';

const state = (status: HostConnectionState['status'], since: number, message?: string): HostConnectionState => ({
  host: 'web',
  status,
  since,
  failures: 0,
  ...(message ? { message } : {}),
});

describe('ConnectionStates', () => {
  it('gives a new snapshot object per change and the same one when nothing changed', () => {
    const states = new ConnectionStates();
    const empty = states.getSnapshot();
    states.update(state('connecting', 1));
    const first = states.getSnapshot();
    expect(first).not.toBe(empty);
    expect(first.web?.status).toBe('connecting');
    states.update(state('connecting', 2));
    expect(states.getSnapshot()).toBe(first);
    states.update(state('connected', 3));
    expect(states.getSnapshot().web).toEqual(state('connected', 3));
  });

  it('notifies subscribers until they unsubscribe, and survives a throwing listener', () => {
    const errors: unknown[] = [];
    const states = new ConnectionStates((e) => errors.push(e));
    const seen: string[] = [];
    states.subscribe(() => {
      throw new Error('screen bug');
    });
    const off = states.subscribe((s) => seen.push(s.status));
    states.update(state('connecting', 1));
    off();
    states.update(state('connected', 2));
    expect(seen).toEqual(['connecting']);
    expect(errors).toHaveLength(2);
    expect(states.getSnapshot().web?.status).toBe('connected');
  });
});
