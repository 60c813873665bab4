/**
 * Turns Ctrl-C into an abort for the running operation (which then undoes what it did); a second
 * Ctrl-C exits at once. Call the returned function when the operation is over.
 */
export function abortOnInterrupt(controller: AbortController, onFirst?: () => void): () => void {
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(130);
    onFirst?.();
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}
