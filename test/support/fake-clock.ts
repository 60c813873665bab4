import type { Clock } from '../../src/platform/clock.js';

/** A clock that only moves when told to: sleep() advances time at once and records the wait. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.time += ms;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
