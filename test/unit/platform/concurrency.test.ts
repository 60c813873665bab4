import { describe, expect, it } from 'vitest';
import { mapWithConcurrency, Semaphore } from '../../../src/platform/concurrency.js';

describe('Semaphore', () => {
  it('grants up to the limit and queues the rest in order', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    await semaphore.acquire();
    const order: string[] = [];
    const third = semaphore.acquire().then((release) => (order.push('third'), release));
    const fourth = semaphore.acquire().then((release) => (order.push('fourth'), release));
    expect(semaphore.usage).toEqual({ active: 2, queued: 2 });
    a();
    a(); // a second call must not free another slot
    await third;
    expect(order).toEqual(['third']);
    expect(semaphore.usage).toEqual({ active: 2, queued: 1 });
    (await third)();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('drops a waiter whose signal aborts', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(semaphore.usage).toEqual({ active: 1, queued: 0 });
    release();
    expect(semaphore.usage.active).toBe(0);
  });
});

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and keeps the order of results', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
