// Shared helpers for the compose end-to-end tests: the built CLI run against the lab's Docker and
// Podman hosts through the lab's ssh config, with a fresh config dir per test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { labCli, startLabCli } from '../../support/lab-cli.js';
import type { CliRun } from '../../support/run-cli.js';
import { labHost, loadLab, sshRun } from '../../support/lab.js';

export const lab = loadLab();
export const CATALOG = fileURLToPath(new URL('./catalog', import.meta.url));

/** What one CLI run printed and returned. */
export type Run = CliRun;

/** A config dir whose inventory holds the lab's docker and podman hosts by their ssh aliases. */
export async function labConfigDir(settings = ''): Promise<string> {
  // Records, projects and data must be the host's own, as on separate machines (test/lab/README.md).
  for (const host of ['docker', 'podman']) {
    const shared = await sshRun(host, 'for d in /var/lib/homelab-tui /opt/homelab-tui /srv; do mountpoint -q "$d" || echo "$d"; done');
    expect(shared.stdout.trim(), `${host} shares these directories with this machine: run npm run lab:up again to give them back their own`).toBe('');
  }
  const dir = mkdtempSync(join(tmpdir(), 'hl-compose-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  if (settings) writeFileSync(join(dir, 'settings.yaml'), settings);
  for (const name of ['docker', 'podman']) {
    const added = await cli(dir, ['hosts', 'add', name, '--address', labHost(name).alias]);
    expect(added.code, added.stderr).toBe(0);
  }
  return dir;
}

/** Runs the built CLI to its end (stdin closed: not a terminal). */
export const cli = labCli;

/** Starts the CLI and hands back the child, to stop it with a signal (logs --follow). */
export const startCli = startLabCli;

/** Runs a shell line on a lab host and returns its stdout, failing the test on a non-zero exit. */
export async function onHost(host: string, line: string): Promise<string> {
  const res = await sshRun(host, line, { timeoutMs: 60_000 });
  expect(res.exitCode, `${host}: ${line}\n${res.stderr}`).toBe(0);
  return res.stdout;
}

/** True when the path exists on the lab host. */
export async function existsOnHost(host: string, path: string): Promise<boolean> {
  return (await sshRun(host, ['test', '-e', path])).exitCode === 0;
}

/** The container engine of a lab host. */
export function engineOf(host: string): 'docker' | 'podman' {
  return host === 'podman' ? 'podman' : 'docker';
}

/** Names of the containers a compose project has on a lab host (any state). */
export async function projectContainers(host: string, project: string): Promise<string[]> {
  const out = await onHost(host, `${engineOf(host)} ps -a --filter label=com.docker.compose.project=${project} --format '{{.Names}}'`);
  return out.split('\n').filter(Boolean);
}
