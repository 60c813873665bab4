import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { systemClock, type Clock } from '../clock.js';
import type { Settings } from '../config/settings.js';
import type { Host, KnownHost } from '../config/inventory.js';
import { nullLogger, type Logger } from '../logger.js';
import type { CommandRunner } from '../runner/command-runner.js';
import { LocalRunner } from '../runner/local-runner.js';
import { ConnectionStates, type ConnectionSnapshot, type ConnectionStateSource, type HostConnectionState } from './connection-state.js';
import { HostConnection } from './host-connection.js';
import { unlockIdentity, type Identity } from './identities.js';
import type { SshInteraction } from './interaction.js';
import { KnownHostsStore } from './known-hosts-store.js';
import { SshConnectError } from './ssh-errors.js';
import { SshRunner } from './ssh-runner.js';
import { parseSshConfig, resolveTarget, type ResolveContext, type SshTarget } from './ssh-target.js';

/** How to build a pool; everything but the app's known-hosts file and the interaction has a default. */
export interface SshPoolOptions {
  /** homelab-tui's own known_hosts (AppPaths.knownHostsFile); accepted keys are recorded here. */
  appKnownHostsFile: string;
  interaction: SshInteraction;
  settings?: Partial<Pick<Settings, 'connectTimeoutSeconds' | 'commandTimeoutSeconds' | 'keepaliveSeconds' | 'channelsPerHost'>>;
  /** Inventory hosts, so a host's `jump` can name another one. */
  hosts?: readonly Host[];
  /** Defaults to ~/.ssh/config; a missing file is an empty config. */
  sshConfigFile?: string;
  /** Defaults to ~/.ssh/known_hosts. */
  userKnownHostsFiles?: string[];
  /** ssh-agent socket; defaults to SSH_AUTH_SOCK; null turns agent use off. */
  agentSocket?: string | null;
  home?: string;
  localUser?: string;
  /** Missed keepalives before a connection counts as dead. */
  keepaliveCountMax?: number;
  backoff?: { baseMs: number; capMs: number };
  clock?: Clock;
  logger?: Logger;
}

/**
 * Gives a CommandRunner for any host (LocalRunner for `local`), sharing one SSH connection per host,
 * and publishes each connection's state. Close it on shutdown.
 */
export interface SshPool extends ConnectionStateSource {
  runnerFor(host: KnownHost): CommandRunner;
  /** The inventory changed (a host was added while the app runs): jumps may name the new hosts. */
  setInventoryHosts(hosts: readonly Host[]): void;
  /** Closes every connection; runners handed out stop working. */
  close(): Promise<void>;
}

/** Reads the ssh config once and returns the pool. */
export async function createSshPool(options: SshPoolOptions): Promise<SshPool> {
  const home = options.home ?? homedir();
  const configText = await readFile(options.sshConfigFile ?? join(home, '.ssh', 'config'), 'utf8').catch(() => '');
  return new ConnectionPool(options, home, parseSshConfig(configText));
}

class ConnectionPool implements SshPool {
  private readonly states: ConnectionStates;
  private readonly connections = new Map<string, HostConnection>();
  private readonly unlocked = new Map<string, Promise<Identity>>();
  private readonly knownHosts: KnownHostsStore;
  private readonly local = new LocalRunner();
  private readonly resolveContext: ResolveContext;
  private inventory: Map<string, Host>;

  constructor(
    private readonly options: SshPoolOptions,
    private readonly home: string,
    config: ResolveContext['config'],
  ) {
    const logger = options.logger ?? nullLogger;
    this.states = new ConnectionStates((error) => logger.error('connection state listener failed', { error: String(error) }));
    this.knownHosts = new KnownHostsStore(options.userKnownHostsFiles ?? [join(home, '.ssh', 'known_hosts')], options.appKnownHostsFile);
    this.inventory = new Map((options.hosts ?? []).map((h) => [h.name, h]));
    this.resolveContext = { config, home, localUser: options.localUser ?? userInfo().username, inventoryHost: (name) => this.inventory.get(name) };
  }

  setInventoryHosts(hosts: readonly Host[]): void {
    this.inventory = new Map(hosts.map((h) => [h.name, h]));
  }

  getSnapshot = (): ConnectionSnapshot => this.states.getSnapshot();

  subscribe = (listener: (state: HostConnectionState) => void): (() => void) => this.states.subscribe(listener);

  runnerFor(host: KnownHost): CommandRunner {
    if (host.kind === 'local') return this.local;
    const connection = this.connectionFor(resolveTarget(host, this.resolveContext));
    const settings = this.options.settings ?? {};
    return new SshRunner(host.name, connection, { defaultTimeoutMs: (settings.commandTimeoutSeconds ?? 60) * 1000 });
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.close()));
  }

  /** One connection per host name; a changed target (inventory edited) replaces the old connection. */
  private connectionFor(target: SshTarget): HostConnection {
    const existing = this.connections.get(target.name);
    if (existing && JSON.stringify(existing.target) === JSON.stringify(target)) return existing;
    void existing?.close();
    const settings = this.options.settings ?? {};
    const agentSocket = this.options.agentSocket === null ? undefined : (this.options.agentSocket ?? process.env.SSH_AUTH_SOCK);
    const connection = new HostConnection(target, {
      knownHosts: this.knownHosts,
      interaction: this.options.interaction,
      ...(agentSocket ? { agentSocket } : {}),
      home: this.home,
      timing: {
        connectTimeoutMs: (settings.connectTimeoutSeconds ?? 10) * 1000,
        keepaliveIntervalMs: (settings.keepaliveSeconds ?? 5) * 1000,
        keepaliveCountMax: this.options.keepaliveCountMax ?? 3,
      },
      backoff: this.options.backoff ?? { baseMs: 500, capMs: 15_000 },
      maxChannels: settings.channelsPerHost ?? 8,
      clock: this.options.clock ?? systemClock,
      logger: this.options.logger ?? nullLogger,
      states: this.states,
      unlock: (file, host) => this.unlock(file, host),
      openTunnel: (t) => this.openTunnel(t),
    });
    this.connections.set(target.name, connection);
    return connection;
  }

  /** A passphrase is asked once per key file for the pool's life, however many hosts use the key. */
  private unlock(file: string, host: string): Promise<Identity> {
    let pending = this.unlocked.get(file);
    if (!pending) {
      pending = unlockIdentity(file, host, this.options.interaction);
      // A refusal is not remembered: the user may answer next time.
      pending.catch(() => this.unlocked.delete(file));
      this.unlocked.set(file, pending);
    }
    return pending;
  }

  /** ProxyJump: a direct-tcpip channel from the jump host's shared connection to the target. */
  private async openTunnel(target: SshTarget): Promise<Duplex> {
    const via = target.via;
    if (!via) throw new SshConnectError(`${target.name}: no jump host`, 'this is a bug', 'unreachable', target.name);
    const jump = this.connectionFor(via);
    try {
      const ssh = await jump.nodeSsh();
      return await ssh.forwardOut('127.0.0.1', 0, target.hostName, target.port);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = error instanceof SshConnectError ? error.reason : 'unreachable';
      const hint = error instanceof SshConnectError && error.hint ? error.hint : `check that ${via.name} can reach ${target.hostName}:${target.port}`;
      throw new SshConnectError(`${target.name}: cannot reach ${target.hostName}:${target.port} through ${via.name}: ${message}`, hint, reason, target.name);
    }
  }
}
