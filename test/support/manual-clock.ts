import type { Clock } from '../../src/platform/clock.js';

/**
 * A clock whose sleeps wait until the test moves time past them (FakeClock's return at once, which
 * would spin a polling loop forever). `advance` wakes due sleepers in time order and lets the
 * promise chains they start run before returning.
 */
export class ManualClock implements Clock {
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const sleeper = {
        at: this.time + ms,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** How many sleeps are waiting, and the earliest wake-up time. */
  get pending(): { count: number; next: number | undefined } {
    const next = this.sleepers.reduce<number | undefined>((min, s) => (min === undefined || s.at < min ? s.at : min), undefined);
    return { count: this.sleepers.length, next };
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.sleepers.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.sleepers = this.sleepers.filter((s) => s !== due);
      this.time = Math.max(this.time, due.at);
      due.wake();
    }
    this.time = end;
    await settle();
  }
}

/** Lets pending promise chains run (several macrotask turns, so chains of awaits finish). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
