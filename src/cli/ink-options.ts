/**
 * How the app is drawn: Ctrl-C is a key binding (quit) rather than Ink's exit; console output is
 * caught so nothing prints behind the frame; at most 15 frames a second (smooth over SSH, the issue's
 * 10–20 repaints/s). The benchmarks draw with the same options.
 */
export const INK_OPTIONS = { exitOnCtrlC: false, patchConsole: true, maxFps: 15 } as const;
