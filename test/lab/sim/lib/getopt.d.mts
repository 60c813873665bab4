// Types for the simulator's command-line parser (getopt.mjs), used by the unit tests.
export declare function parseCommandLine(
  argv: string[],
  spec: { properties: Record<string, unknown>; positional: string[]; fixed?: Record<string, unknown> },
): Record<string, unknown>;
