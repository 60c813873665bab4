/** Interleaves async iterables as their items arrive; ends when all have ended, and stops them all when the reader stops. */
export async function* mergeAsync<T>(iterables: readonly AsyncIterable<T>[]): AsyncIterable<T> {
  const iterators = iterables.map((iterable) => iterable[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) => pending.set(index, (iterators[index] as AsyncIterator<T>).next().then((result) => ({ index, result })));
  iterators.forEach((_, index) => pull(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pull(index);
      yield result.value;
    }
  } finally {
    // Not awaited: an iterator blocked in next() answers return() only after its next line.
    for (const [index] of pending) void iterators[index]?.return?.().catch(() => undefined);
  }
}
