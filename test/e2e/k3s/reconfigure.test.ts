// reconfigure on k3s through the built CLI, on the lab's kubectl SIMULATOR (test/lab/sim/k8s, pods on
// the host's Podman): a new env value reviewed as a diff of the Deployment (--dry-run changes
// nothing), applied as a rollout gated by the app's probe; a change whose new configuration fails the
// gate (build bad: /health answers 500) applied back by itself; an Ingress added and taken away by
// its host answer; a change of storage class refused; a SIGTERM in the gate undone by the CLI itself,
// a SIGKILL there left as a journal that `undo` takes back. The test recipe is test/e2e/k3s/catalog/labtag.yaml.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/lab.js';
import { startLabCli } from '../../support/lab-cli.js';
import { cli, k3sConfigDir, kubectlJson, onK3s, throughService } from './k3s-lab.js';

const name = 'k3s-rcfg';
const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./catalog', import.meta.url)) };
let configDir = '';
let slowDir = '';

type Workload = { metadata: { resourceVersion: string }; spec: { template: { spec: { containers: { image: string; env?: { name: string; value?: string }[] }[] } } } };
const deployment = () => kubectlJson<Workload>(`deployment labapp -n ${name}`);
const greeting = async () => (await deployment()).spec.template.spec.containers[0]?.env?.find((e) => e.name === 'GREETING')?.value;
const record = async () => JSON.parse(await onK3s(`cat /var/lib/homelab-tui/deployments/${name}.json`)) as { answers: Record<string, unknown>; urls: string[]; operation?: unknown };
const image = async () => (await deployment()).spec.template.spec.containers[0]?.image;
/** Starts build 1 -> bad with the slow gate and waits until the bad build is applied (the gate then waits on it). */
const badApplied = async () => {
  const run = startLabCli(slowDir, ['reconfigure', name, '--host', 'k3s', '--set', 'build=bad', '--yes'], env);
  await eventually('the bad build to be applied', async () => (await image()) === 'local/labapp:bad', 60_000, 300);
  return run;
};
const ingresses = async () => (await kubectlJson(`ingresses -n ${name}`)).items.map((i) => i.metadata.name);

beforeAll(async () => {
  // A short gate: the bad build never gets ready, and the test waits for the gate to give up.
  configDir = await k3sConfigDir('k3s:\n  rolloutTimeoutSeconds: 15\n');
  // A gate that waits long enough for the test to interrupt the CLI in it.
  slowDir = await k3sConfigDir('k3s:\n  rolloutTimeoutSeconds: 120\n');
  await onK3s(`kubectl delete namespace ${name} --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/${name}.json`);
  const run = await cli(configDir, ['install', 'labtag', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--yes'], env);
  expect(run.code, run.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  await cli(configDir, ['uninstall', name, '--host', 'k3s', '--purge', '--yes'], env);
});

describe('reconfigure the lab app on k3s', () => {
  it('the same answers: nothing to do', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--dry-run', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'unchanged', answers: [], files: [], steps: [] });
  });

  it('--dry-run shows the answer, the Deployment\'s env as a diff and the rollout; nothing changes', async () => {
    const before = (await deployment()).metadata.resourceVersion;
    const run = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--set', 'greeting=hello', '--dry-run'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('greeting (Greeting): hi -> hello');
    expect(run.stdout).toContain(`Deployment/labapp in namespace ${name}`);
    expect(run.stdout).toMatch(/^ +- +value: hi$/m);
    expect(run.stdout).toMatch(/^ +\+ +value: hello$/m);
    expect(run.stdout).toContain('kubectl apply --server-side Deployment/labapp (its pods are replaced by a rollout)');
    expect(run.stdout).not.toContain('imagePullPolicy');
    expect((await deployment()).metadata.resourceVersion).toBe(before);
    expect(await greeting()).toBe('hi');
  });

  it('applied: rolled out with the new env, healthy, the record says it; then nothing to do', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--set', 'greeting=hello', '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^reconfigured ${name} on k3s; it is healthy`));
    expect(await greeting()).toBe('hello');
    expect(await throughService(name, '/health')).toEqual({ code: 0, out: 'ok' });
    expect((await record()).answers.greeting).toBe('hello');
    expect((await record()).operation).toBeUndefined();
    const again = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--dry-run', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', files: [], steps: [] });
  });

  it('build 1 -> bad fails its gate: exit 1, the Deployment as it ran is applied back and answers; the record keeps build 1', async () => {
    const run = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--set', 'build=bad', '--yes'], env);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^reconfigure of ${name} on k3s undone: `));
    expect((await deployment()).spec.template.spec.containers[0]?.image).toBe('local/labapp:1');
    expect(await greeting()).toBe('hello');
    expect(await throughService(name, '/health')).toEqual({ code: 0, out: 'ok' });
    expect((await record()).answers.build).toBe('1');
  });

  it('SIGTERM in its gate undoes it: the Deployment as it ran comes back and answers, the record keeps build 1', async () => {
    const run = await badApplied();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(1);
    expect(run.errors()).toContain('interrupted (SIGTERM): undoing what was done');
    expect(run.errors()).not.toMatch(/\n\s+at .*\(/);
    expect(await image()).toBe('local/labapp:1');
    expect(await throughService(name, '/health')).toEqual({ code: 0, out: 'ok' });
    expect(await record()).toMatchObject({ answers: { build: '1', greeting: 'hello' } });
    expect((await record()).operation).toBeUndefined();
  });

  it('killed in its gate (SIGKILL): listed as interrupted; undo applies the recorded configuration back', async () => {
    const run = await badApplied();
    run.child.kill('SIGKILL');
    await run.exited;
    const status = await cli(configDir, ['status', '--host', 'k3s', '--json'], env);
    const row = (JSON.parse(status.stdout) as { deployments: { name: string; health: string; operation?: { kind: string } }[] }).deployments.find((d) => d.name === name);
    expect(row).toMatchObject({ health: 'interrupted', operation: { kind: 'reconfigure' } });
    const undo = await cli(configDir, ['undo', name, '--host', 'k3s', '--yes'], env);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout.trim()).toBe(`took back the interrupted reconfigure of ${name} on k3s`);
    expect(await image()).toBe('local/labapp:1');
    expect(await greeting()).toBe('hello');
    expect(await throughService(name, '/health')).toEqual({ code: 0, out: 'ok' });
    expect((await record()).operation).toBeUndefined();
  });

  it('an Ingress host added makes the Ingress and the URL; emptied, both go', async () => {
    const add = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--set', 'k3s_ingress_host=labtag.lan', '--yes'], env);
    expect(add.code, add.stderr).toBe(0);
    expect(await ingresses()).toEqual([name]);
    expect((await record()).urls).toContain('http://labtag.lan/');
    const drop = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--set', 'k3s_ingress_host=', '--yes'], env);
    expect(drop.code, drop.stderr).toBe(0);
    expect(await ingresses()).toEqual([]);
    expect((await record()).urls).not.toContain('http://labtag.lan/');
  });

  it('a new storage class is refused (the data is on its PVC): exit 2, nothing changes', async () => {
    const before = (await deployment()).metadata.resourceVersion;
    const run = await cli(configDir, ['reconfigure', name, '--host', 'k3s', '--set', 'k3s_storage_class=fast', '--yes'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a data volume (its PVC, storage class or size) cannot be changed in place; nothing was changed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await deployment()).metadata.resourceVersion).toBe(before);
  });
});
