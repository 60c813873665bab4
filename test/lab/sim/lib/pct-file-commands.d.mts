// Types for the simulator's CLI-only pct commands (pct-file-commands.mjs), used by the contract tests.
export interface FileCommand {
  usage: string;
  positional: string[];
  properties: Record<string, Record<string, unknown>>;
}
export declare const FILE_COMMANDS: Record<'exec' | 'push' | 'pull', FileCommand>;
