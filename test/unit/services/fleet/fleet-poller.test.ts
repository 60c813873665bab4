import { afterEach, describe, expect, it } from 'vitest';
import { createFleetPoller, type FleetPoller, type TaggedReading } from '../../../../src/services/fleet/fleet-poller.js';
import type { HostReading } from '../../../../src/services/fleet/fleet-reading.js';
import { ManualClock, settle } from '../../../support/manual-clock.js';

/** A source whose reads wait until the test answers them. */
class HeldSource {
  readonly reads: Array<{ host: string; signal: AbortSignal; answer: (reading?: Partial<HostReading>) => void; fail: (error: Error) => void }> = [];

  read = (host: string, signal: AbortSignal): Promise<HostReading> =>
    new Promise((resolve, reject) => {
      this.reads.push({ host, signal, answer: (reading = {}) => resolve({ host, deployments: [], broken: [], ...reading }), fail: reject });
    });

  open(host?: string) {
    return this.reads.filter((r) => (host === undefined || r.host === host) && !r.signal.aborted && !answered.has(r));
  }

  async answerAll(reading: Partial<HostReading> = {}): Promise<void> {
    for (const read of this.open()) {
      answered.add(read);
      read.answer(reading);
    }
    await settle();
  }
}
const answered = new WeakSet<object>();

let poller: FleetPoller | undefined;
afterEach(() => poller?.stop());

function setup(options: { concurrency?: number; intervalMs?: number } = {}) {
  const clock = new ManualClock(1_000);
  const source = new HeldSource();
  const results: TaggedReading[] = [];
  poller = createFleetPoller({
    read: source.read,
    clock,
    concurrency: options.concurrency ?? 4,
    intervalMs: options.intervalMs ?? 5_000,
    backoff: { baseMs: 1_000, capMs: 8_000 },
    onResult: (r) => results.push(r),
  });
  return { clock, source, results, poller };
}

describe('fleet poller', () => {
  it('reads every host at once, then again after the interval', async () => {
    const { clock, source, results, poller } = setup();
    poller.setHosts(['a', 'b']);
    await settle();
    expect(source.open().map((r) => r.host).sort()).toEqual(['a', 'b']);
    await source.answerAll();
    expect(results.map((r) => r.target).sort()).toEqual(['a', 'b']);
    expect(results[0]).toMatchObject({ failures: 0, nextAt: 6_000 });
    await clock.advance(4_999);
    expect(source.open()).toHaveLength(0);
    await clock.advance(1);
    expect(source.open().map((r) => r.host).sort()).toEqual(['a', 'b']);
  });

  it('reads at most `concurrency` hosts at once', async () => {
    const { source, poller } = setup({ concurrency: 2 });
    poller.setHosts(['a', 'b', 'c', 'd', 'e']);
    await settle();
    expect(source.open()).toHaveLength(2);
    const [first] = source.open();
    answered.add(first as object);
    first?.answer();
    await settle();
    expect(source.open()).toHaveLength(2);
    expect(source.reads).toHaveLength(3);
  });

  it('never overlaps two refreshes of one host: a refresh asked meanwhile runs after the first ends', async () => {
    const { source, results, poller } = setup();
    poller.setHosts(['a']);
    await settle();
    poller.refresh('a');
    poller.refresh();
    await settle();
    expect(source.reads).toHaveLength(1);
    await source.answerAll();
    expect(results).toHaveLength(1);
    // Exactly one more, however many times it was asked for while the first was running.
    expect(source.open()).toHaveLength(1);
    expect(source.reads).toHaveLength(2);
  });

  it('refresh wakes a host waiting for its next turn', async () => {
    const { source, poller } = setup();
    poller.setHosts(['a']);
    await settle();
    await source.answerAll();
    expect(source.open()).toHaveLength(0);
    poller.refresh('a');
    await settle();
    expect(source.open()).toHaveLength(1);
  });

  it('backs off after failures (1, 2, 4, 8, 8 s) and returns to the interval after a success', async () => {
    const { clock, source, results, poller } = setup();
    poller.setHosts(['a']);
    await settle();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await source.answerAll({ error: { message: 'a did not answer' } });
      const last = results[results.length - 1] as TaggedReading;
      waits.push(last.nextAt - last.finishedAt);
      await clock.advance(last.nextAt - clock.now() - 1);
      expect(source.open(), 'not before the backoff ends').toHaveLength(0);
      await clock.advance(1);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(results.map((r) => r.failures)).toEqual([1, 2, 3, 4, 5]);
    await source.answerAll();
    expect(results[results.length - 1]).toMatchObject({ failures: 0 });
    const last = results[results.length - 1] as TaggedReading;
    expect(last.nextAt - last.finishedAt).toBe(5_000);
  });

  it('drops the answer of a refresh that was invalidated while in flight, and reads again with a new epoch', async () => {
    const { source, results, poller } = setup();
    poller.setHosts(['a']);
    await settle();
    const stale = source.open('a')[0];
    const oldEpoch = poller.epochOf('a');
    poller.invalidate('a');
    expect(stale?.signal.aborted).toBe(true);
    expect(poller.epochOf('a')).toBeGreaterThan(oldEpoch);
    answered.add(stale as object);
    stale?.answer({ error: { message: 'the old answer' } });
    await settle();
    expect(results).toHaveLength(0);
    expect(poller.dropped).toBe(1);
    await source.answerAll();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ target: 'a', epoch: poller.epochOf('a'), failures: 0 });
  });

  it('stops polling a host that leaves the list and drops its answer in flight', async () => {
    const { clock, source, results, poller } = setup();
    poller.setHosts(['a', 'b']);
    await settle();
    poller.setHosts(['b']);
    await source.answerAll();
    expect(results.map((r) => r.target)).toEqual(['b']);
    await clock.advance(60_000);
    expect(source.reads.filter((r) => r.host === 'a')).toHaveLength(1);
  });

  it('turns a source that throws into a failed reading with the message', async () => {
    const { source, results, poller } = setup();
    poller.setHosts(['a']);
    await settle();
    const [read] = source.open();
    answered.add(read as object);
    read?.fail(new Error('parser broke'));
    await settle();
    expect(results[0]?.reading.error?.message).toBe('parser broke');
    expect(results[0]?.failures).toBe(1);
  });
});
