import { useRef } from 'react';

/**
 * The first visible row of a list `height` rows tall that keeps `selected` in view, moving as little
 * as possible from where it was (so the list does not jump while the selection moves inside it).
 */
export function scrollStart(previous: number, selected: number, height: number, total: number): number {
  if (height <= 0 || total <= height) return 0;
  let start = Math.min(Math.max(previous, 0), total - height);
  if (selected < start) start = selected;
  else if (selected >= start + height) start = selected - height + 1;
  return start;
}

/** scrollStart remembered across renders. */
export function useScrollWindow(selected: number, height: number, total: number): number {
  const start = useRef(0);
  start.current = scrollStart(start.current, selected, height, total);
  return start.current;
}
