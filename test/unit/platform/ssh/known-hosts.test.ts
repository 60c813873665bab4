import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  formatKnownHostsLine,
  keyTypeOf,
  knownHostsName,
  parseKnownHosts,
  verifyHostKey,
} from '../../../../src/platform/ssh/known-hosts.js';

// Real keys and hashing from OpenSSH's own ssh-keygen, so the parser is checked against the real format.
let dir: string;
const keys: Record<string, { blob: Buffer; line: string; fingerprint: string }> = {};

function makeKey(name: string, type: string): void {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', name, '-f', file]);
  const line = readFileSync(`${file}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]).toString().split(' ')[1] ?? '';
  keys[name] = { blob: Buffer.from(line.split(' ')[1] ?? '', 'base64'), line, fingerprint };
}

function pub(name: string): string {
  return keys[name]?.line.split(' ').slice(0, 2).join(' ') ?? '';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hl-known-'));
  makeKey('alpha', 'ed25519');
  makeKey('beta', 'ed25519');
  makeKey('gamma', 'ecdsa');
});

describe('fingerprints', () => {
  it('match ssh-keygen -l (SHA256, unpadded base64)', () => {
    for (const key of Object.values(keys)) expect(fingerprintOf(key.blob)).toBe(key.fingerprint);
  });

  it('read the key type from the blob', () => {
    expect(keyTypeOf(keys.alpha!.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(keys.gamma!.blob)).toBe('ecdsa-sha2-nistp256');
  });
});

describe('knownHostsName', () => {
  it('uses the bare name on port 22 and [host]:port elsewhere', () => {
    expect(knownHostsName('Pve1.lan', 22)).toBe('pve1.lan');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });
});

describe('verifyHostKey', () => {
  it('knows a plain entry, a pattern list, a wildcard and a [host]:port entry', () => {
    const entries = parseKnownHosts(
      [
        '# comment',
        '',
        `10.0.0.1 ${pub('alpha')}`,
        `web,web.lan ${pub('alpha')}`,
        `*.example.org,!bad.example.org ${pub('alpha')}`,
        `[10.0.0.2]:2222 ${pub('alpha')}`,
        'garbage line',
      ].join('\n'),
      'kh',
    );
    expect(entries).toHaveLength(4);
    for (const name of ['10.0.0.1', 'web.lan', 'a.example.org', '[10.0.0.2]:2222']) {
      expect(verifyHostKey(entries, name, keys.alpha!.blob).status).toBe('known');
    }
    expect(verifyHostKey(entries, 'bad.example.org', keys.alpha!.blob).status).toBe('unknown');
    expect(verifyHostKey(entries, '10.0.0.2', keys.alpha!.blob).status).toBe('unknown');
  });

  it('knows hashed entries written by ssh-keygen -H, including [host]:port', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `10.9.9.9 ${pub('alpha')}\n[10.9.9.9]:2200 ${pub('beta')}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\|1\|/m);
    expect(text).not.toContain('10.9.9.9');
    const entries = parseKnownHosts(text, file);
    expect(verifyHostKey(entries, '10.9.9.9', keys.alpha!.blob).status).toBe('known');
    expect(verifyHostKey(entries, '[10.9.9.9]:2200', keys.beta!.blob).status).toBe('known');
    expect(verifyHostKey(entries, '10.9.9.8', keys.alpha!.blob).status).toBe('unknown');
  });

  it('reports a changed key with the entries on record, with file and line', () => {
    const entries = parseKnownHosts(`\n10.0.0.1 ${pub('alpha')}\n`, '/x/known_hosts');
    const verdict = verifyHostKey(entries, '10.0.0.1', keys.beta!.blob);
    expect(verdict.status).toBe('changed');
    if (verdict.status !== 'changed') return;
    expect(verdict.known.map((e) => [e.file, e.line, fingerprintOf(e.key)])).toEqual([['/x/known_hosts', 2, keys.alpha!.fingerprint]]);
  });

  it('treats a key of another type on record as a change (strict), and refuses a revoked key anywhere', () => {
    const entries = parseKnownHosts(`10.0.0.1 ${pub('gamma')}\n@revoked * ${pub('beta')}\n`, 'kh');
    expect(verifyHostKey(entries, '10.0.0.1', keys.alpha!.blob).status).toBe('changed');
    expect(verifyHostKey(entries, '10.7.7.7', keys.beta!.blob).status).toBe('revoked');
  });

  it('ignores @cert-authority lines (no certificate support) instead of trusting them', () => {
    const entries = parseKnownHosts(`@cert-authority * ${pub('alpha')}\n`, 'kh');
    expect(verifyHostKey(entries, 'any', keys.alpha!.blob).status).toBe('unknown');
  });
});

describe('formatKnownHostsLine', () => {
  it('writes a line ssh-keygen can find with -F', () => {
    const file = join(dir, 'written');
    writeFileSync(file, `${formatKnownHostsLine('[10.1.1.1]:2222', keys.alpha!.blob)}\n`);
    const found = execFileSync('ssh-keygen', ['-F', '[10.1.1.1]:2222', '-f', file]).toString();
    expect(found).toContain(keys.alpha!.line.split(' ')[1]);
  });
});
