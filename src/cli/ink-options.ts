/**
 * How the app is drawn: Ctrl-C is a key binding (quit) rather than Ink's exit; console output is
 * caught so nothing prints behind the frame; at most 15 frames a second (smooth over SSH, the issue's
 * 10–20 repaints/s). The benchmarks draw with the same options.
 *
 * Ink's `incrementalRendering` would send a fifth of the bytes per dashboard refresh (421 against 1965
 * at 80×24 in bench/dashboard, same time), which matters over SSH; it stays off because a full-screen
 * frame is exactly the case ink#1023 leaves shifted by a row after the terminal shrinks.
 */
export const INK_OPTIONS = { exitOnCtrlC: false, patchConsole: true, maxFps: 15 } as const;
