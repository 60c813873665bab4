// update on k3s through the built CLI, on the lab's kubectl SIMULATOR: labapp 1 -> bad never gets
// ready, the gate gives up and the whole applied set of 1 is applied again (exit 1, rolled-back, 1
// answers through its Service); bad and 2 "migrate the data" (the recipe's dataMigrations), so the
// PVC is copied out through a helper pod first and a rollback puts its files back (the test plays the
// migration: it changes the data from inside the bad pod); 1 -> 2 succeeds; the record lists the releases.
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/lab.js';
import { startLabCli } from '../../support/lab-cli.js';
import { cli, k3sConfigDir, kubectlJson, onK3s, throughService } from './k3s-lab.js';

const name = 'k3s-upd';
// The lab has no registry: the helper pod runs the lab's busybox image.
const HELPER = 'local/busybox:1';
const dataDir = `/var/lib/homelab-tui/k3s/${name}.before-update.data`;
let configDir = '';
let slowDir = '';
beforeAll(async () => {
  // A gate that waits long enough for the test to kill the CLI in it.
  slowDir = await k3sConfigDir(`k3s:\n  rolloutTimeoutSeconds: 120\n  helperImage: ${HELPER}\n`);
  // A short gate: the bad version never becomes ready, and the test waits for the gate to give up
  // (long enough for the test to play the migration in the bad pod).
  configDir = await k3sConfigDir(`k3s:\n  rolloutTimeoutSeconds: 15\n  helperImage: ${HELPER}\n`);
  await onK3s(`kubectl delete namespace ${name} --ignore-not-found; rm -f /var/lib/homelab-tui/deployments/${name}.json`);
});

const record = async () => JSON.parse(await onK3s(`cat /var/lib/homelab-tui/deployments/${name}.json`)) as { version: string; releases: { version: string; result?: string }[]; operation?: unknown };
/** The running pod of the given image, if any. */
const podOf = async (wanted: string) => {
  const pods = await kubectlJson<{ items: { metadata: { name: string; labels?: Record<string, string> }; spec: { containers: { image: string }[] }; status?: { phase?: string } }[] }>(`pods -n ${name} -l app.kubernetes.io/instance=${name}`);
  return pods.items.find((p) => p.spec.containers[0]?.image === wanted && p.status?.phase === 'Running')?.metadata.name;
};
/** A shell line in the app's running pod of that image (the PVC is at /data). */
const inPod = async (line: string, wanted = 'local/labapp:1') => {
  const pod = await podOf(wanted);
  if (!pod) throw new Error(`no running pod of ${wanted}`);
  return onK3s(`kubectl exec -n ${name} pod/${pod} -- sh -c ${JSON.stringify(line)}`);
};
/** The "migration" of the bad version: it changes a file and adds one, from inside its own pod. */
const migrateInBadPod = () => eventually('the bad version to run and be migrated', async () => {
  await inPod('echo migrated-by-bad > /data/marker && touch /data/schema-bad', 'local/labapp:bad');
  return true;
}, 60_000, 500);
const image = async () => (await kubectlJson<{ spec: { template: { spec: { containers: { image: string }[] } } } }>(`deployment labapp -n ${name}`)).spec.template.spec.containers[0]?.image;

describe('update of the lab app on k3s', () => {
  it('installs version 1', async () => {
    const run = await cli(configDir, ['install', 'labapp', '--host', 'k3s', '--provider', 'k3s', '--name', name, '--set', 'version=1', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(await throughService(name, '/version')).toEqual({ code: 0, out: '1' });
  });

  it('1 -> bad: the gate fails, the PVC files come back, the whole set of 1 is applied again (exit 1, rolled-back), 1 answers', async () => {
    await inPod('echo written-by-1 > /data/marker');
    const startsBefore = await inPod('cat /data/starts.log');
    const running = cli(configDir, ['update', name, '--to', 'bad', '--yes', '--json']);
    await migrateInBadPod();
    const run = await running;
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/pvc labapp-data: \d+ KiB in .*labapp-data\.tar\.gz, verified/);
    expect(run.stderr).toContain('deployment.apps/labapp scaled');
    expect(run.stderr).toContain('pvc labapp-data: restored from');
    // The file is as 1 left it, the migration's file is gone, and starts.log has only 1's new start (not bad's).
    expect(await inPod('cat /data/marker')).toBe('written-by-1\n');
    expect(await inPod('test -e /data/schema-bad && echo there || echo gone')).toBe('gone\n');
    const startsAfter = await inPod('cat /data/starts.log');
    expect(startsAfter.startsWith(startsBefore)).toBe(true);
    expect(startsAfter.slice(startsBefore.length).trim().split('\n')).toHaveLength(1);
    expect(await onK3s(`kubectl get pods -n ${name} -o json`)).not.toContain('data-helper');
    const result = JSON.parse(run.stdout) as { status: string; from: string; to: string; failure?: { step: string; output: string } };
    expect(result).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('Health gate') } });
    expect(result.failure?.output).toContain('not ready');
    expect(run.stderr).toContain('deployment.apps/labapp serverside-applied');
    expect(await image()).toBe('local/labapp:1');
    expect(await throughService(name, '/version')).toEqual({ code: 0, out: '1' });
    const after = await record();
    expect(after.version).toBe('1');
    expect(after.operation).toBeUndefined();
    expect(after.releases.at(-1)).toMatchObject({ version: 'bad', result: 'rolled-back' });
  });

  it('an update killed in its gate leaves the journal: status says interrupted, undo applies the kept set of 1 again', async () => {
    const run = startLabCli(slowDir, ['update', name, '--to', 'bad', '--yes']);
    await eventually('the bad version to be applied', async () => (await image()) === 'local/labapp:bad', 60_000);
    run.child.kill('SIGKILL');
    await run.exited;
    await migrateInBadPod();
    const status = await cli(configDir, ['status', '--host', 'k3s', '--json']);
    const row = (JSON.parse(status.stdout) as { deployments: { name: string; health: string; operation?: { kind: string } }[] }).deployments.find((d) => d.name === name);
    expect(row).toMatchObject({ health: 'interrupted', operation: { kind: 'update' } });
    const undo = await cli(configDir, ['undo', name, '--yes']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(await inPod('cat /data/marker')).toBe('written-by-1\n');
    expect(await inPod('test -e /data/schema-bad && echo there || echo gone')).toBe('gone\n');
    expect(await image()).toBe('local/labapp:1');
    expect(await throughService(name, '/version')).toEqual({ code: 0, out: '1' });
    const after = await record();
    expect(after.operation).toBeUndefined();
    expect(after.version).toBe('1');
  });

  it('1 -> 2 succeeds (exit 0): 2 answers, the kept set is gone, the record lists every release; then uninstall --purge', async () => {
    const run = await cli(configDir, ['update', name, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', from: '1', to: '2' });
    expect(await image()).toBe('local/labapp:2');
    expect(await throughService(name, '/version')).toEqual({ code: 0, out: '2' });
    expect(await onK3s(`test -e /var/lib/homelab-tui/k3s/${name}.before-update.json && echo kept || echo gone`)).toBe('gone\n');
    // 2 migrates too: its PVC copy was taken, and removed once the gate passed; the data went on to 2.
    expect(run.stderr).toMatch(/pvc labapp-data: \d+ KiB/);
    expect(await onK3s(`test -e ${dataDir} && echo kept || echo gone`)).toBe('gone\n');
    expect(await inPod('cat /data/marker', 'local/labapp:2')).toBe('written-by-1\n');
    const after = await record();
    expect(after.version).toBe('2');
    expect(after.releases.map((r) => [r.version, r.result ?? 'installed'])).toEqual([['1', 'installed'], ['bad', 'rolled-back'], ['bad', 'rolled-back'], ['2', 'succeeded']]);
    expect((await cli(configDir, ['uninstall', name, '--purge', '--yes'])).code).toBe(0);
  });
});
