import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../../../../src/platform/plan/plan.js';
import type { WizardRequest } from '../../../../src/services/wizard/wizard-backend.js';
import { FakeRunner } from '../../../support/fake-runner.js';
import { FakeFleetSource, fakeFleetDeps, readingOf } from '../../../support/fleet-doubles.js';
import { KEYS, waitFor } from '../../../support/render-app.js';
import { openWizard, toQuestions } from '../../../support/wizard-app.js';

const run = (...argv: string[]) => ({ kind: 'run' as const, command: { argv } });

/** Waits until the operation's signal aborts (a long `up`), then fails as an aborted command does. */
const blockUntilAborted = {
  kind: 'call' as const,
  description: 'wait for the containers',
  run: ({ signal }: { signal: AbortSignal }) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })),
};

function planOf(request: WizardRequest, health: PlanStep['actions'] = [run('probe', 'http://127.0.0.1:8080/health')]): Plan {
  return {
    kind: 'install',
    deployment: request.name,
    host: request.host,
    provider: request.provider,
    app: request.app,
    secrets: [],
    steps: [
      { id: 'project', title: 'Write the compose project', actions: [run('mkdir', '-p', `/opt/homelab-tui/${request.name}`)], undo: [run('rm', '-rf', `/opt/homelab-tui/${request.name}`)], creates: [`/opt/homelab-tui/${request.name}/compose.yaml`] },
      { id: 'up', title: 'Start the containers', actions: [run('docker-compose', 'up', '-d')], undo: [run('docker-compose', 'down')], creates: ['containers of the compose project'] },
      { id: 'health', title: 'Wait for the containers to be healthy', actions: health },
    ],
  };
}

const normalRun = () =>
  new FakeRunner('docker').expect({ argv: ['mkdir', '-p', '/opt/homelab-tui/labapp'] }, { argv: ['docker-compose', 'up', '-d'], result: { stdout: 'Creating labapp_labapp_1 ... done\n' } });

async function toPreflight(app: Awaited<ReturnType<typeof openWizard>>) {
  await toQuestions(app);
  for (let i = 0; i < 6 && !app.frame().includes('Step 5/7'); i++) await app.press(KEYS.enter);
  await app.sees('Step 5/7');
}

const argvs = (runner: FakeRunner) => runner.calls.map((c) => c.argv.join(' '));

describe('wizard: preflight, review and install', () => {
  it('blocks on a failed preflight check, with its hint; Esc goes back to change the answers', async () => {
    const app = await openWizard({
      preflight: (r) => [
        { status: 'ok', label: `the name "${r.name}" is free on docker` },
        { status: 'fail', label: 'port 8080 is taken on docker by nginx', hint: 'choose another port' },
      ],
    });
    await toPreflight(app);
    await app.sees('✗ port 8080 is taken on docker by nginx');
    expect(app.frame()).toContain('hint: choose another port');
    expect(app.frame()).toContain('1 check failed: go back (Esc) and change the answers');
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('Step 5/7');
    await app.press(KEYS.escape);
    await app.sees('Step 4/7');
    app.unmount();
  });

  it('puts problems first, so a ✗ is never below the fold of a long checklist', async () => {
    const oks = Array.from({ length: 30 }, (_, i) => ({ status: 'ok' as const, label: `check number ${i} passed` }));
    const app = await openWizard({ preflight: () => [...oks, { status: 'fail', label: 'the disk is full', hint: 'free some space' }] });
    await toPreflight(app);
    await app.sees('✗ the disk is full');
    const lines = app.frame().split('\n');
    expect(lines.findIndex((l) => l.includes('✗ the disk is full'))).toBeLessThan(lines.findIndex((l) => l.includes('check number 0')));
    expect(app.frame()).toMatch(/… and \d+ more checks that passed/);
    app.unmount();
  });

  it('accepts warnings with Enter and shows the plan, the answers file and what is created', async () => {
    const app = await openWizard({ preflight: () => [{ status: 'warn', label: '/srv/labapp/data does not exist on docker', hint: 'it will be created empty' }], plan: (r) => planOf(r) });
    await toPreflight(app);
    await app.sees('⚠ /srv/labapp/data does not exist on docker');
    expect(app.frame()).toContain('1 warning: Enter accepts it and continues to the review.');
    await app.press(KEYS.enter);
    await app.sees('Step 6/7 · Review the plan');
    expect(app.frame()).toContain('Creates on docker: /opt/homelab-tui/labapp/compose.yaml, containers of the compose project');
    expect(app.frame()).toContain('Answers file (no secrets): /config/installs/labapp@docker.yaml');
    expect(app.frame()).toContain('Plan: install labapp as "labapp" on docker with compose');
    expect(app.frame()).toContain('$ mkdir -p /opt/homelab-tui/labapp');
    app.unmount();
  });

  it('installs with step n/N, a percentage and the log, then shows the URL and the CLI line, and ends on the dashboard', async () => {
    let release: (() => void) | undefined;
    const gate = { kind: 'call' as const, description: 'wait for the containers', run: () => new Promise<void>((resolve) => (release = resolve)) };
    const runner = normalRun();
    // The dashboard reads docker again after the install: from then on it has the new deployment.
    let installedYet = false;
    const source = new FakeFleetSource();
    source.setHost('docker', async () => ({ host: 'docker', deployments: installedYet ? [readingOf('docker', 'labapp')] : [], broken: [] }));
    const appDeps = {
      fleet: fakeFleetDeps(source),
      loadHosts: async () => [
        { name: 'local', kind: 'local' as const, address: '' },
        { name: 'docker', kind: 'ssh' as const, address: '10.0.0.2' },
      ],
    };
    const app = await openWizard({ runner, plan: (r) => planOf(r, [gate]), appDeps });
    await toPreflight(app);
    await app.press(KEYS.enter);
    await app.sees('Step 6/7');
    await app.press(KEYS.enter);
    await app.sees(/\[3\/3\]  67% Wait for the containers to be healthy · 0:0\d/);
    expect(app.frame()).toContain('Installing labapp on docker with compose');
    expect(app.frame()).toContain('── log ──');
    expect(app.frame()).toContain('[2/3] Start the containers');
    expect(app.frame()).toContain('  Creating labapp_labapp_1 ... done');
    installedYet = true;
    const readsBefore = source.reads.filter((h) => h === 'docker').length;
    release?.();
    await app.sees('✓ labapp is installed on docker and healthy.');
    runner.verify();
    expect(app.frame()).toContain('Open it: http://10.0.0.2:8080/');
    expect(app.frame()).toContain('homelab-tui install labapp --host docker --provider compose --yes');
    // Enter: the dashboard, which reads the host again and shows the new deployment.
    await app.press(KEYS.enter);
    await app.sees(/▸? *labapp\b/);
    expect(app.frame()).not.toContain('Step 7/7');
    expect(source.reads.filter((h) => h === 'docker').length).toBeGreaterThan(readsBefore);
    app.unmount();
  });

  it('a failed step shows the recovery menu and the log tail; "remove what was created" undoes it', async () => {
    const runner = normalRun().expect(
      { argv: ['probe', 'http://127.0.0.1:8080/health'], result: { exitCode: 1, stderr: 'database unreachable' } },
      { argv: ['docker-compose', 'down'] },
      { argv: ['rm', '-rf', '/opt/homelab-tui/labapp'] },
    );
    const app = await openWizard({ runner, plan: (r) => planOf(r) });
    await toPreflight(app);
    await app.press(KEYS.enter, KEYS.enter);
    await app.sees('✗ Step 3/3 failed: Wait for the containers to be healthy');
    for (const option of ['Retry the failed step', 'Retry with more memory and disk', 'Keep it for debugging', 'Remove what was created']) expect(app.frame()).toContain(option);
    expect(app.frame()).toContain('✗ this provider sets no memory or disk size');
    expect(app.frame()).toContain('the last lines of the log');
    expect(app.frame()).toContain('database unreachable');
    await app.select('Remove what was created');
    await app.press(KEYS.enter);
    await app.sees('The install failed; everything it created was removed.');
    expect(argvs(runner).slice(-2)).toEqual(['docker-compose down', 'rm -rf /opt/homelab-tui/labapp']);
    runner.verify();
    app.unmount();
  });

  it('"retry" runs the failed step again and goes on; "keep" leaves everything', async () => {
    const retried = normalRun().expect({ argv: ['probe', 'http://127.0.0.1:8080/health'], result: { exitCode: 1, stderr: 'not yet' } }, { argv: ['probe', 'http://127.0.0.1:8080/health'] });
    const app = await openWizard({ runner: retried, plan: (r) => planOf(r) });
    await toPreflight(app);
    await app.press(KEYS.enter, KEYS.enter);
    await app.sees('✗ Step 3/3 failed');
    await app.press(KEYS.enter);
    await app.sees('✓ labapp is installed on docker and healthy.');
    retried.verify();
    app.unmount();

    const kept = normalRun().expect({ argv: ['probe', 'http://127.0.0.1:8080/health'], result: { exitCode: 1 } });
    const second = await openWizard({ runner: kept, plan: (r) => planOf(r) });
    await toPreflight(second);
    await second.press(KEYS.enter, KEYS.enter);
    await second.sees('✗ Step 3/3 failed');
    await second.select('Keep it for debugging');
    await second.press(KEYS.enter);
    await second.sees('The install failed; everything is left as it was, for debugging.');
    expect(argvs(kept)).not.toContain('docker-compose down');
    kept.verify();
    second.unmount();
  });

  it('Ctrl-C during the install asks, then undoes what was created', async () => {
    const runner = normalRun().expect({ argv: ['docker-compose', 'down'] }, { argv: ['rm', '-rf', '/opt/homelab-tui/labapp'] });
    const app = await openWizard({ runner, plan: (r) => planOf(r, [blockUntilAborted]) });
    await toPreflight(app);
    await app.press(KEYS.enter, KEYS.enter);
    await app.sees('[3/3]');
    await app.sees('wait for the containers');
    await app.press(KEYS.ctrlC);
    await app.sees('Stop the install?');
    // Esc: keep going; nothing is undone.
    await app.press(KEYS.escape);
    await app.sees('[3/3]');
    expect(argvs(runner)).not.toContain('docker-compose down');
    await app.press(KEYS.ctrlC);
    await app.sees('Stop the install?');
    await app.press(KEYS.enter);
    await app.sees('The install was stopped; everything it created was removed.');
    expect(argvs(runner)).toEqual(['mkdir -p /opt/homelab-tui/labapp', 'docker-compose up -d', 'docker-compose down', 'rm -rf /opt/homelab-tui/labapp']);
    runner.verify();
    expect(app.store.getState().quitting).toBe(false);
    app.unmount();
  });

  it('"retry with more memory and disk" undoes, then checks again with doubled LXC resources', async () => {
    const runner = new FakeRunner('pve').expect({ argv: ['pct', 'create'] }, { argv: ['probe'], result: { exitCode: 1, stderr: 'out of memory' } }, { argv: ['pct', 'destroy'] });
    const app = await openWizard({
      runner,
      plan: (r) => ({ ...planOf(r), steps: [{ id: 'create', title: 'Create the container', actions: [run('pct', 'create')], undo: [run('pct', 'destroy')] }, { id: 'probe', title: 'Probe', actions: [run('probe')] }] }),
    });
    await toQuestions(app, { host: 'pve', provider: 'Proxmox LXC container' });
    for (let i = 0; i < 12 && !app.frame().includes('Step 5/7'); i++) await app.press(KEYS.enter);
    await app.sees('Step 5/7');
    await app.press(KEYS.enter, KEYS.enter);
    await app.sees('✗ Step 2/2 failed: Probe');
    await app.sees('removes this attempt, then checks and installs again with lxc_memory=128M, lxc_disk=2G');
    await app.select('Retry with more memory and disk');
    await app.press(KEYS.enter);
    await app.sees('Step 5/7');
    await waitFor(() => expect(app.requests).toHaveLength(2));
    expect(app.requests[1]?.sets).toEqual(['lxc_memory=128M', 'lxc_disk=2G']);
    expect(argvs(runner)).toEqual(['pct create', 'probe', 'pct destroy']);
    app.unmount();
  });
});
