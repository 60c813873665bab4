// Shared helpers for the k3s end-to-end tests: the built CLI against the lab's k3s host, whose
// kubectl is the lab's SIMULATOR (test/lab/sim/kubectl.mjs) running pods on the host's Podman.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { labCli } from '../../support/lab-cli.js';
import { labHost, sshRun } from '../../support/lab.js';

export const cli = labCli;

/** A config dir whose inventory holds the lab's k3s host by its ssh alias, removed after the file. */
export async function k3sConfigDir(settings = ''): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hl-k3s-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  if (settings) writeFileSync(join(dir, 'settings.yaml'), settings);
  const added = await cli(dir, ['hosts', 'add', 'k3s', '--address', labHost('k3s').alias]);
  expect(added.code, added.stderr).toBe(0);
  return dir;
}

/** Runs a shell line on the k3s host; fails the test on a non-zero exit. */
export async function onK3s(line: string): Promise<string> {
  const res = await sshRun('k3s', line, { timeoutMs: 60_000 });
  expect(res.exitCode, `k3s: ${line}\n${res.stderr}`).toBe(0);
  return res.stdout;
}

/** `kubectl get … -o json` on the k3s host, parsed. */
export async function kubectlJson<T = { items: { metadata: { name: string; labels?: Record<string, string> } }[] }>(args: string): Promise<T> {
  return JSON.parse(await onK3s(`kubectl get ${args} -o json`)) as T;
}

/** The app's answer to GET path through its Service (the API server's proxy), or kubectl's error. */
export async function throughService(namespace: string, path: string): Promise<{ code: number | null; out: string }> {
  const res = await sshRun('k3s', `kubectl get --raw /api/v1/namespaces/${namespace}/services/labapp:8080/proxy${path}`, { timeoutMs: 30_000 });
  return { code: res.exitCode, out: res.exitCode === 0 ? res.stdout : res.stderr.trim() };
}
