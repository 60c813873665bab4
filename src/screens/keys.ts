import type { Key } from 'ink';

/** Named keys, so bindings and tests never spell escape sequences. */
export const KEY = {
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  enter: 'enter',
  escape: 'esc',
  tab: 'tab',
  backspace: 'backspace',
  pageUp: 'pgup',
  pageDown: 'pgdn',
  home: 'home',
  end: 'end',
  space: 'space',
  ctrlC: 'ctrl+c',
} as const;

/** Turns Ink's (input, key) pair into one name: `up`, `enter`, `ctrl+c`, `q`, `?`. */
export function keyNameOf(input: string, key: Key): string {
  if (key.upArrow) return KEY.up;
  if (key.downArrow) return KEY.down;
  if (key.leftArrow) return KEY.left;
  if (key.rightArrow) return KEY.right;
  if (key.return) return KEY.enter;
  if (key.escape) return KEY.escape;
  if (key.tab) return KEY.tab;
  if (key.backspace || key.delete) return KEY.backspace;
  if (key.pageUp) return KEY.pageUp;
  if (key.pageDown) return KEY.pageDown;
  if (key.home) return KEY.home;
  if (key.end) return KEY.end;
  // A name of its own so the footer can say "space" and the space is not taken for typed text.
  if (input === ' ') return KEY.space;
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  return input;
}
