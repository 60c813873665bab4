/**
 * The promise's value when it settles within `ms` of wall time, else `late` (the promise goes on, and
 * whoever shares it gets its value later). For secondary figures a screen must not wait on: a
 * refresh shows health at once and the figures when they come.
 */
export function valueWithin<T>(promise: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
