import { resolve } from 'node:path';
import { resolvePaths, type AppPaths } from '../platform/config/paths.js';
import { outputOpen } from './closed-output.js';
import { createFileLogger, type Logger } from '../platform/logger.js';

/** Options every command understands. */
export interface GlobalOptions {
  debug?: boolean;
  configDir?: string;
  /** An ssh config file to read instead of ~/.ssh/config (like `ssh -F`). */
  sshConfig?: string;
}

/** What a command action receives: where files live, how to print, and a logger. */
export interface CliContext {
  paths: AppPaths;
  debug: boolean;
  /** --ssh-config; undefined: settings.yaml's sshConfig, else ~/.ssh/config (see sshConfigFile). */
  sshConfigFile: string | undefined;
  /** The global options given, as arguments (--config-dir, --ssh-config), for commands shown to repeat. */
  globalArgs: readonly string[];
  logger: Logger;
  /** Writes text to standard output. Commands never call console.log. */
  print(text: string): void;
  /** Writes a value as pretty JSON to standard output. */
  printJson(value: unknown): void;
  /** True when standard output and input are terminals (interactive use). */
  interactive: boolean;
  /** Set by a command that failed softly (for example `status` with an unhealthy service). */
  exitCode: number;
}

export function createContext(options: GlobalOptions): CliContext {
  const paths = resolvePaths(options.configDir ? { configDir: options.configDir } : {});
  return {
    paths,
    debug: options.debug === true,
    sshConfigFile: options.sshConfig,
    globalArgs: [...(options.configDir ? ['--config-dir', resolve(options.configDir)] : []), ...(options.sshConfig ? ['--ssh-config', resolve(options.sshConfig)] : [])],
    logger: createFileLogger(paths.logFile, options.debug ? 'debug' : 'info'),
    print: (text) => void (outputOpen('stdout') && process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)),
    printJson: (value) => void (outputOpen('stdout') && process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)),
    interactive: process.stdout.isTTY === true && process.stdin.isTTY === true,
    exitCode: 0,
  };
}
