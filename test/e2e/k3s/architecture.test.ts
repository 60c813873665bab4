// The two-node case on the lab's k3s SIMULATOR: an amd64 node (the host, runs pods) and an arm64 node
// (scheduling-only, and the scheduler's favourite: it has more CPU). labapp's recipe says its images are
// amd64-only: it is pinned to the amd64 node and runs; an image built for no node's architecture is
// refused in preflight with the reason; without the mark the pod lands on the arm64 node and never runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../support/lab.js';
import { cli, k3sConfigDir, kubectlJson, onK3s } from './k3s-lab.js';

const lab = loadLab();
const amd64 = lab.k3s?.nodes.find((n) => n.arch === 'amd64')?.name ?? '';
const arm64 = lab.k3s?.nodes.find((n) => n.arch === 'arm64')?.name ?? '';
const names = ['k3s-arch', 'k3s-arch-arm', 'k3s-arch-any'];

/** A catalog holding labapp with its k3s architectures line replaced. */
function catalogWith(line: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hl-k3s-arch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = readFileSync(new URL('../../../config/apps/labapp.yaml', import.meta.url), 'utf8').replace('  architectures: [amd64]\n', line);
  writeFileSync(join(dir, 'labapp.yaml'), text);
  return dir;
}

let configDir = '';
beforeAll(async () => {
  configDir = await k3sConfigDir('k3s:\n  rolloutTimeoutSeconds: 8\n');
  await onK3s(`for n in ${names.join(' ')}; do kubectl delete namespace $n --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/$n.json; done`);
});

describe('node architectures on k3s', () => {
  it('the lab cluster has an amd64 and an arm64 node', () => {
    expect(lab.k3s?.nodes).toEqual([expect.objectContaining({ arch: 'amd64', schedulingOnly: false }), expect.objectContaining({ arch: 'arm64', schedulingOnly: true })]);
  });

  it('an amd64-only image is pinned to the amd64 node (nodeSelector) and runs there', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', names[0] as string, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`✓ Node architecture`);
    const pods = await kubectlJson<{ items: { spec: { nodeName: string; nodeSelector: Record<string, string> } }[] }>(`pods -n ${names[0]}`);
    expect(pods.items.map((p) => [p.spec.nodeName, p.spec.nodeSelector])).toEqual([[amd64, { 'kubernetes.io/arch': 'amd64' }]]);
    expect((await cli(configDir, ['uninstall', names[0] as string, '--purge', '--yes'])).code).toBe(0);
  });

  it('an image built for no node\'s architecture is refused in preflight with the reason; nothing is applied', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', names[1] as string, '--yes'], { HOMELAB_TUI_CATALOG_DIR: catalogWith('  architectures: [arm]\n') });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`✗ Node architecture`);
    expect(run.stderr).toContain(`built for arm only; no node can run them (${amd64}: amd64, ${arm64}: arm64)`);
    expect((await kubectlJson('namespaces')).items.map((n) => n.metadata.name)).not.toContain(names[1]);
  });

  it('without the mark the scheduler picks the arm64 node: the rollout never finishes, the reason says why, the install is undone', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', names[2] as string, '--yes'], { HOMELAB_TUI_CATALOG_DIR: catalogWith('') });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`ContainerCreating: SIMULATOR: node ${arm64} (arm64) is scheduling-only`);
    expect((await kubectlJson('namespaces')).items.map((n) => n.metadata.name)).not.toContain(names[2]);
  });
});
