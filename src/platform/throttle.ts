/** A call limited to once per interval: the first runs at once, later ones fold into one at the end. */
export interface Throttled {
  (): void;
  /** Runs a pending call now. */
  flush(): void;
  cancel(): void;
}

/** Throttles `fn` to at most one call per `intervalMs` (leading and trailing edge). */
export function throttle(fn: () => void, intervalMs: number): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    timer = undefined;
    last = performance.now();
    fn();
  };
  const call = (() => {
    if (timer) return;
    const wait = last + intervalMs - performance.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  }) as Throttled;
  call.flush = () => {
    if (timer) {
      clearTimeout(timer);
      run();
    }
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
