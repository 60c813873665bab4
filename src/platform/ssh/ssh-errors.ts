import { UserError } from '../errors.js';
import type { ConnectionStatus } from './connection-state.js';
import type { ConnectFailure } from './connect.js';
import { fingerprintOf, keyTypeOf, type KnownHostEntry } from './known-hosts.js';
import type { SshTarget } from './ssh-target.js';

/** Why a host could not be used; `hosts check` and the dashboard report these separately. */
export type SshFailureReason = 'unreachable' | 'auth-failed' | 'host-key-unknown' | 'host-key-changed' | 'host-key-revoked';

/** A connection that could not be made: a message and a hint for the user, and the reason as data. */
export class SshConnectError extends UserError {
  constructor(
    message: string,
    hint: string,
    readonly reason: SshFailureReason,
    readonly host: string,
    /** For host key failures: the key offered and the keys on record, as OpenSSH fingerprints. */
    readonly fingerprints?: { offered: string; known: string[] },
  ) {
    super(message, hint, 1);
  }

  /** The connection status this failure leaves the host in. */
  get status(): ConnectionStatus {
    if (this.reason === 'auth-failed') return 'auth-failed';
    return this.reason === 'unreachable' ? 'unreachable' : 'host-key-rejected';
  }
}

/** The error for a failed attempt; `extra` adds to the auth hint (keys skipped, passphrases). */
export function connectError(failure: ConnectFailure, target: SshTarget, extra?: { skipped: string[]; offered: string[] }): SshConnectError {
  const where = `${target.hostName}:${target.port}`;
  if (failure.kind === 'unreachable' || failure.kind === 'aborted') {
    return new SshConnectError(`${target.name}: ${failure.message}`, unreachableHint(target), 'unreachable', target.name);
  }
  if (failure.kind === 'auth') {
    const offered = extra?.offered.length ? `offered: ${extra.offered.join(', ')}` : 'no key was available to offer';
    const skipped = extra?.skipped.length ? `; skipped: ${extra.skipped.join(', ')}` : '';
    return new SshConnectError(
      `${target.name}: authentication as "${target.user}" failed (${offered}${skipped})`,
      `put your public key in ~${target.user}/.ssh/authorized_keys on ${where}, start ssh-agent and ssh-add your key, or set the host's --identity-file / --user`,
      'auth-failed',
      target.name,
    );
  }
  const offered = fingerprintOf(failure.key);
  const type = keyTypeOf(failure.key);
  if (failure.verdict.status === 'unknown') {
    return new SshConnectError(
      `${target.name}: the host key of ${failure.name} is not known (${type} ${offered})`,
      `compare it with \`ssh-keygen -lf /etc/ssh/ssh_host_${type.replace(/^ssh-|-sha2-.*$/g, '')}_key.pub\` on the host, then accept it in the app or run again with --accept-new-host-key`,
      'host-key-unknown',
      target.name,
      { offered, known: [] },
    );
  }
  if (failure.verdict.status === 'revoked') {
    const at = describe(failure.verdict.entry);
    return new SshConnectError(
      `${target.name}: the host key of ${failure.name} (${offered}) is marked @revoked in ${at}; not connecting`,
      'the host must get a new host key; ask whoever runs it',
      'host-key-revoked',
      target.name,
      { offered, known: [] },
    );
  }
  const known = failure.verdict.known.map((e) => fingerprintOf(e.key));
  const records = failure.verdict.known.map((e) => `${keyTypeOf(e.key)} ${fingerprintOf(e.key)} (${describe(e)})`).join('; ');
  return new SshConnectError(
    `WARNING: the host key of ${target.name} (${failure.name}) has CHANGED; not connecting.\n` +
      `  offered: ${type} ${offered}\n  known:   ${records}\n` +
      'Someone could be intercepting the connection (man-in-the-middle), or the host was reinstalled.',
    `if you know the host was reinstalled, remove the old key (ssh-keygen -R '${failure.name}' -f FILE for the file named above) and connect again`,
    'host-key-changed',
    target.name,
    { offered, known },
  );
}

function describe(entry: KnownHostEntry): string {
  return `${entry.file}:${entry.line}`;
}

function unreachableHint(target: SshTarget): string {
  const via = target.via ? ` and that ${target.via.name} (the jump host) can reach it` : '';
  return `check that the host is up, the address and port are right${via}, and that sshd runs; try: ssh -p ${target.port} ${target.user}@${target.hostName}`;
}
