import { describe, expect, it } from 'vitest';
import { planComposeInstall } from '../../../../src/providers/compose/plan-install.js';
import { ComposeSchemaError } from '../../../../src/providers/compose/project-files.js';
import { settingsSchema } from '../../../../src/platform/config/settings.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { renderPlanText, viewPlan } from '../../../../src/platform/plan/render-plan.js';
import { contextOf, fakeComposeHost } from './fake-host.js';
import { dataProbeArgv } from '../../../../src/platform/deployments/data-probe.js';
import { composeInputs, VIKUNJA_URL } from './inputs.js';

const settings = settingsSchema.parse({}).compose;
const record = (name: string): DeploymentRecord => ({
  schema: 1,
  name,
  app: 'x',
  version: '1',
  provider: 'compose',
  host: 'docker',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  answers: {},
  secretKeys: [],
  refs: {},
  urls: [],
  releases: [],
});

describe('planComposeInstall', () => {
  it('the lab app on docker-compose: data dirs, project files, up (undone by down), health, probe, record', async () => {
    const runner = fakeComposeHost('docker', { 'local/labapp:1': true });
    runner.expect({ argv: dataProbeArgv(['/srv/lab1/data']), result: { stdout: '/srv/lab1/data\t0\t0\t/srv/lab1\n' } });
    const plan = await planComposeInstall(contextOf(runner), { name: 'lab1', inputs: await composeInputs('labapp', 'compose_project=lab1', 'data_dir=/srv/lab1/data'), record: record('lab1') }, settings);
    expect(plan.steps.map((s) => s.id)).toEqual(['data', 'project', 'up', 'health', 'probe', 'record']);
    const view = viewPlan(plan);
    expect(view.steps[0]?.actions).toEqual([{ kind: 'run', argv: ['mkdir', '-p', '--', '/srv/lab1/data'] }]);
    // The undo removes what this install creates: the folder, and /srv/lab1 above it when empty.
    expect(view.steps[0]?.undo.map((a) => (a.kind === 'run' ? a.argv.slice(0, 3).concat(a.argv.slice(-1)) : []))).toEqual([
      ['rm', '-rf', '--', '/srv/lab1/data'],
      ['sh', '-c', expect.any(String), '/srv/lab1'],
    ]);
    expect(view.steps[0]?.creates).toEqual(['/srv/lab1/data']);
    const written = plan.steps.at(-1)?.recordChange;
    expect(written?.kind === 'write' && written.record.data).toEqual([{ path: '/srv/lab1/data', created: true, root: '/srv/lab1' }]);
    expect(plan.data?.reused).toEqual([]);
    expect(view.steps[2]?.actions).toEqual([{ kind: 'run', argv: ['docker-compose', '-p', 'lab1', '-f', '/opt/homelab-tui/lab1/compose.yaml', 'up', '-d'] }]);
    expect(view.steps[2]?.undo).toEqual([{ kind: 'run', argv: ['docker-compose', '-p', 'lab1', '-f', '/opt/homelab-tui/lab1/compose.yaml', 'down'] }]);
    expect(view.steps[1]?.undo).toEqual([{ kind: 'run', argv: ['rm', '-rf', '--', '/opt/homelab-tui/lab1'] }]);
    expect(view.steps[4]?.actions[0]).toMatchObject({ kind: 'wait', check: 'GET http://127.0.0.1:8080/health → 200 containing "ok" (from docker)' });
    expect(plan.notes).toContain('open http://10.0.0.5:8080/');
    runner.verify();
  });

  it('a data folder that holds files is used, never undone, and reported as reused', async () => {
    const runner = fakeComposeHost('docker', { 'local/labapp:1': true });
    runner.expect({ argv: dataProbeArgv(['/srv/old']), result: { stdout: '/srv/old\t1\t1\t\n' } });
    const plan = await planComposeInstall(contextOf(runner), { name: 'lab1', inputs: await composeInputs('labapp', 'compose_project=lab1', 'data_dir=/srv/old'), record: record('lab1') }, settings);
    const view = viewPlan(plan);
    expect(view.steps[0]?.undo).toEqual([]);
    expect(view.steps[0]?.creates).toEqual(['uses existing /srv/old (holds files)']);
    expect(plan.notes).toContain('uses existing /srv/old (holds files)');
    expect(plan.data?.reused).toEqual(['/srv/old']);
    const written = plan.steps.at(-1)?.recordChange;
    expect(written?.kind === 'write' && written.record.data).toEqual([{ path: '/srv/old', created: false }]);
  });

  it('podman-compose: the undo also removes the network down leaves and the boot drop-in, and images to pull are written fully qualified', async () => {
    const runner = fakeComposeHost('podman', { 'local/labapp:1': false });
    runner.expect({ argv: dataProbeArgv(['/srv/labapp/data']), result: { stdout: '/srv/labapp/data\t0\t0\t/srv/labapp\n' } });
    const plan = await planComposeInstall(contextOf(runner), { name: 'labapp', inputs: await composeInputs('labapp'), record: record('labapp') }, settings);
    const view = viewPlan(plan);
    expect(view.steps[2]?.undo.map((a) => (a.kind === 'run' ? a.argv.join(' ') : ''))).toEqual([
      'podman-compose -p labapp -f /opt/homelab-tui/labapp/compose.yaml down',
      'podman network rm -f labapp_default',
      'sh -c rm -f -- "$1"; if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi sh /etc/systemd/system/podman-restart.service.d/homelab-tui-labapp.conf',
    ]);
    const compose = view.steps[1]?.actions.find((a) => a.kind === 'write');
    expect(compose?.kind === 'write' && compose.content).toContain('image: "docker.io/local/labapp:1"');
  });

  it('Vikunja with PostgreSQL: secrets go to 0600 env files only, and the plan prints them as ••••', async () => {
    const runner = fakeComposeHost('docker', { 'vikunja/vikunja:2.5.0': false, 'postgres:16': false });
    const inputs = await composeInputs('vikunja', VIKUNJA_URL, 'db_type=postgres', 'service_secret=S3cret-service-value');
    runner.expect({ argv: dataProbeArgv(['/srv/vikunja/files', '/srv/vikunja/db/postgres']), result: { stdout: '' } });
    const plan = await planComposeInstall(contextOf(runner), { name: 'vikunja', inputs, record: record('vikunja') }, settings);
    const writes = plan.steps.flatMap((s) => s.actions).filter((a) => a.kind === 'write');
    expect(writes.map((w) => [w.path, w.mode.toString(8)])).toEqual([
      ['/opt/homelab-tui/vikunja/compose.yaml', '644'],
      ['/opt/homelab-tui/vikunja/vikunja.env', '600'],
      ['/opt/homelab-tui/vikunja/db.env', '600'],
    ]);
    expect(writes[0]?.content).not.toContain('S3cret-service-value');
    expect(writes[1]?.content).toContain('VIKUNJA_SERVICE_SECRET=S3cret-service-value\n');
    const text = renderPlanText(plan, { fileLines: 200 });
    expect(text).toContain('VIKUNJA_SERVICE_SECRET=••••');
    for (const secret of inputs.secretValues) expect(text).not.toContain(secret);
  });

  it('a compose file that breaks the specification is refused before anything is written, naming the field', async () => {
    const runner = fakeComposeHost('docker', { 'local/labapp:1': true });
    const inputs = await composeInputs('labapp');
    const app = inputs.services[0];
    if (!app) throw new Error('no service');
    // The same port published twice: compose-spec says ports must be unique.
    const broken = { ...inputs, services: [{ ...app, ports: [...app.ports, ...app.ports] }] };
    const planning = planComposeInstall(contextOf(runner), { name: 'labapp', inputs: broken, record: record('labapp') }, settings);
    await expect(planning).rejects.toBeInstanceOf(ComposeSchemaError);
    await expect(planning).rejects.toThrow('at services.labapp.ports: must NOT have duplicate items');
    // Only the read-only probe and image check ran: nothing was uploaded.
    expect(runner.calls.map((c) => c.argv[0])).toEqual(['sh', 'docker']);
  });
});
