import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where homelab-tui keeps its files: config (inventory, settings) and state (operation logs, caches). */
export interface AppPaths {
  configDir: string;
  stateDir: string;
  hostsFile: string;
  settingsFile: string;
  knownHostsFile: string;
  /** Saved per-app default answers, `<app>.yaml` each. */
  answersDir: string;
  logFile: string;
  operationsDir: string;
  cacheDir: string;
}

/**
 * Resolves the XDG locations. `--config-dir` puts everything (config and state) under one directory,
 * which is what tests and portable setups want; otherwise XDG_CONFIG_HOME and XDG_STATE_HOME apply.
 */
export function resolvePaths(options: { configDir?: string; env?: NodeJS.ProcessEnv } = {}): AppPaths {
  const env = options.env ?? process.env;
  const home = env.HOME ?? homedir();
  const configDir = options.configDir ?? join(env.XDG_CONFIG_HOME || join(home, '.config'), 'homelab-tui');
  const stateDir = options.configDir
    ? join(options.configDir, 'state')
    : join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'homelab-tui');
  return {
    configDir,
    stateDir,
    hostsFile: join(configDir, 'hosts.yaml'),
    settingsFile: join(configDir, 'settings.yaml'),
    knownHostsFile: join(configDir, 'known_hosts'),
    answersDir: join(configDir, 'answers'),
    logFile: join(stateDir, 'homelab-tui.log'),
    operationsDir: join(stateDir, 'operations'),
    cacheDir: join(stateDir, 'cache'),
  };
}
