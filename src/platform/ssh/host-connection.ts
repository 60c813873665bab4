import type { Duplex } from 'node:stream';
import type { NodeSSH } from 'node-ssh';
import type { Client } from 'ssh2';
import type { Clock } from '../clock.js';
import { Semaphore } from '../concurrency.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { attemptConnect, type ConnectAttempt, type ConnectResult, type ConnectTiming } from './connect.js';
import type { ConnectionStates, ConnectionStatus } from './connection-state.js';
import { loadIdentities, type Identity, type IdentitySet } from './identities.js';
import type { SshInteraction } from './interaction.js';
import type { KnownHostsStore } from './known-hosts-store.js';
import { keyTypeOf, fingerprintOf } from './known-hosts.js';
import { connectError, SshConnectError } from './ssh-errors.js';
import type { SshTarget } from './ssh-target.js';

/** What a host connection needs from the pool that owns it. */
export interface HostConnectionDeps {
  knownHosts: KnownHostsStore;
  interaction: SshInteraction;
  agentSocket?: string;
  home: string;
  timing: ConnectTiming;
  /** Reconnect delays after failures to reach a host: base × 2^(n-1), at most cap. */
  backoff: { baseMs: number; capMs: number };
  maxChannels: number;
  clock: Clock;
  logger: Logger;
  states: ConnectionStates;
  /** Decrypts an encrypted identity file (asking through the interaction once per pool). */
  unlock(file: string, host: string): Promise<Identity>;
  /** A forwarded channel to `target` through its jump host's shared connection. */
  openTunnel(target: SshTarget): Promise<Duplex>;
  /** One handshake; tests replace it to drive the state machine without a server. */
  connect?: (attempt: ConnectAttempt) => Promise<ConnectResult>;
}

/**
 * One SSH connection to one host, shared by every command to it: connects on first use, limits
 * concurrent channels, reconnects on the next use after a drop (with capped backoff while the host
 * stays unreachable), and reports its state.
 */
export class HostConnection {
  readonly channels: Semaphore;
  private ssh: NodeSSH | undefined;
  private connecting: Promise<NodeSSH> | undefined;
  private failures = 0;
  private lastFailure: { at: number; reason: SshConnectError['reason'] } | undefined;
  private dropReason: string | undefined;
  private identities: IdentitySet | undefined;
  /** Encrypted keys already unlocked, offered straight away when reconnecting. */
  private readonly unlocked: Identity[] = [];
  private closed = false;
  private readonly stopping = new Set<Promise<void>>();
  /** Aborted by close(): ends a connect in flight and a backoff wait at once (quitting never waits for a host). */
  private readonly lifetime = new AbortController();

  constructor(
    readonly target: SshTarget,
    private readonly deps: HostConnectionDeps,
  ) {
    this.channels = new Semaphore(deps.maxChannels);
    this.setState('idle');
  }

  /** The connected client, connecting or reconnecting first when needed. */
  async client(): Promise<Client> {
    const ssh = await this.nodeSsh();
    if (!ssh.connection) throw new SshConnectError(`${this.target.name}: connection closed`, 'run the command again', 'unreachable', this.target.name);
    return ssh.connection;
  }

  /** The NodeSSH instance (for forwardOut to hosts behind this one). */
  async nodeSsh(): Promise<NodeSSH> {
    if (this.closed) throw new UserError(`the connection to ${this.target.name} was closed`, 'the program is shutting down');
    if (this.ssh?.isConnected()) return this.ssh;
    // Every caller waiting for this host shares one attempt.
    this.connecting ??= this.establish().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Why the last connection dropped (keepalive timeout, reset), for command errors. */
  get lastDropReason(): string {
    return this.dropReason ?? 'connection closed';
  }

  /**
   * Keeps the connection open for a process-group kill in flight: a command stopped just before the
   * program closes its pool (Ctrl-C on `logs --follow`) would otherwise keep running on the host.
   */
  trackStop(stopping: Promise<void>): void {
    this.stopping.add(stopping);
    void stopping.finally(() => this.stopping.delete(stopping));
  }

  async close(): Promise<void> {
    this.lifetime.abort(new UserError(`the connection to ${this.target.name} was closed`, 'the program is shutting down'));
    // The kill script gives a process group 3 s to end before KILL; wait a little longer, no more.
    if (this.stopping.size > 0) await Promise.race([Promise.allSettled([...this.stopping]), new Promise((r) => setTimeout(r, 5000).unref())]);
    this.closed = true;
    const ssh = this.ssh;
    this.ssh = undefined;
    ssh?.dispose();
    this.setState('closed');
  }

  private async establish(): Promise<NodeSSH> {
    await this.waitForBackoff();
    this.setState('connecting');
    try {
      const ssh = await this.connectWithAnswers();
      this.failures = 0;
      this.lastFailure = undefined;
      this.adopt(ssh);
      this.setState('connected');
      return ssh;
    } catch (error) {
      if (this.lifetime.signal.aborted) {
        this.setState('closed');
        throw this.lifetime.signal.reason;
      }
      const failure = error instanceof SshConnectError ? error : new SshConnectError(`${this.target.name}: ${(error as Error).message}`, 'see the log for details', 'unreachable', this.target.name);
      this.failures++;
      this.lastFailure = { at: this.deps.clock.now(), reason: failure.reason };
      this.setState(failure.status, failure);
      throw error instanceof UserError ? error : failure;
    }
  }

  /** Connects, asking about an unknown host key or a passphrase between attempts (never mid-handshake). */
  private async connectWithAnswers(): Promise<NodeSSH> {
    const { deps, target } = this;
    this.identities ??= await loadIdentities(target.identityFiles, deps.home);
    const identities = [...this.identities.ready, ...this.unlocked];
    const encrypted = this.identities.encrypted.filter((file) => !this.unlocked.some((i) => i.file === file));
    let askedHostKey = false;
    for (;;) {
      const knownHosts = await deps.knownHosts.entries(target.knownHostsFiles);
      const signal = this.lifetime.signal;
      const sock = target.via ? await deps.openTunnel(target) : undefined;
      const result = await (deps.connect ?? attemptConnect)({ target, ...(sock ? { sock } : {}), knownHosts, identities: [...identities], ...(deps.agentSocket ? { agentSocket: deps.agentSocket } : {}), timing: deps.timing, signal });
      if (signal.aborted) {
        if (result.ok) result.ssh.dispose();
        throw signal.reason;
      }
      if (result.ok) return result.ssh;
      const failure = result.failure;
      if (failure.kind === 'host-key' && failure.verdict.status === 'unknown' && !askedHostKey) {
        askedHostKey = true;
        const request = { host: target.name, knownHostsName: failure.name, keyType: keyTypeOf(failure.key), fingerprint: fingerprintOf(failure.key) };
        if (await deps.interaction.confirmNewHostKey(request)) {
          await deps.knownHosts.remember(failure.name, failure.key);
          deps.logger.info('host key accepted', { ...request, file: deps.knownHosts.appFile });
          continue;
        }
      }
      const file = failure.kind === 'auth' ? encrypted.shift() : undefined;
      if (file) {
        const identity = await deps.unlock(file, target.name);
        this.unlocked.push(identity);
        identities.push(identity);
        continue;
      }
      const offered = [...(deps.agentSocket && !target.identitiesOnly ? ['ssh-agent'] : []), ...identities.map((i) => i.file)];
      throw connectError(failure, target, { offered, skipped: this.identities.skipped });
    }
  }

  private adopt(ssh: NodeSSH): void {
    const client = ssh.connection;
    if (!client) return;
    this.dropReason = undefined;
    // Each running command listens for a drop; more than 10 at once is normal, not a leak.
    client.setMaxListeners(0);
    client.on('error', (error: Error) => {
      this.dropReason = error.message;
      this.deps.logger.warn('ssh connection error', { host: this.target.name, error: error.message });
    });
    client.on('close', () => {
      if (this.ssh !== ssh) return;
      this.ssh = undefined;
      if (!this.closed) this.setState('stale', { message: `connection lost: ${this.lastDropReason}`, hint: 'the next command reconnects' });
    });
    this.ssh = ssh;
  }

  /** After failures to reach the host, wait base × 2^(n-1) (capped) since the last one before retrying. */
  private async waitForBackoff(): Promise<void> {
    if (!this.lastFailure || this.lastFailure.reason !== 'unreachable') return;
    const { baseMs, capMs } = this.deps.backoff;
    const delay = Math.min(capMs, baseMs * 2 ** Math.max(0, this.failures - 1));
    const remaining = this.lastFailure.at + delay - this.deps.clock.now();
    if (remaining > 0) await this.deps.clock.sleep(remaining, this.lifetime.signal);
  }

  private setState(status: ConnectionStatus, detail?: { message: string; hint?: string | undefined }): void {
    this.deps.states.update({
      host: this.target.name,
      status,
      since: this.deps.clock.now(),
      failures: this.failures,
      ...(detail ? { message: detail.message } : {}),
      ...(detail?.hint ? { hint: detail.hint } : {}),
    });
  }
}
