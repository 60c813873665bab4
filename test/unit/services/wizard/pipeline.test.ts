import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedDeployments } from '../../../../src/services/lifecycle/deployment-cache.js';
import type { OperationEvent } from '../../../../src/platform/operation/operation-events.js';
import { thisHolder } from '../../../../src/platform/operation/holder.js';
import { prepareWizardInstall } from '../../../../src/services/wizard/pipeline.js';
import { HostDouble } from '../install/host-double.js';
import { stubDeps } from '../install/stub-deps.js';

/** The host double; with `blocking`, `start-it` calls `onStart` and then waits until the command is aborted. */
function host(blocking: boolean, onStart: () => void = () => undefined): HostDouble {
  if (!blocking) return new HostDouble();
  return new HostDouble(async (command) => {
    const aborted = new Promise((resolve) => command.signal?.addEventListener('abort', resolve, { once: true }));
    onStart();
    await aborted;
    return { exitCode: null, stdout: '', stderr: 'killed' };
  });
}

async function setUp(host: HostDouble) {
  const { deps } = await stubDeps(host, [{ status: 'warn', label: 'a warning' }]);
  const dir = mkdtempSync(join(tmpdir(), 'hl-wizard-pipeline-'));
  const pipeline = { ...deps, cacheDir: join(dir, 'cache'), operationsDir: join(dir, 'ops'), installsDir: join(dir, 'installs'), holder: thisHolder('test') };
  const request = { app: 'labapp', host: 'lab', provider: 'compose' as const, name: 'lab-one', sets: ['port=18080'], repeatable: { port: '18080' } };
  return { pipeline, prepared: await prepareWizardInstall(request, pipeline, undefined) };
}

describe('the wizard through the install pipeline', () => {
  it('prepares what the review shows, applies it, writes the answers file and caches the deployment', async () => {
    const { pipeline, prepared } = await setUp(host(false));
    expect(prepared).toMatchObject({ blocked: false, preflight: expect.arrayContaining([{ status: 'warn', label: 'a warning' }]), creates: ['/var/lib/homelab-tui/deployments/lab-one.json'], credentials: [] });
    expect(prepared.planText).toMatch(/^Plan: install labapp as "lab-one" on lab with compose\n\n1\. Run it\n {3}\$ start-it lab-one/);
    expect(prepared.commandLine).toBe("homelab-tui install labapp --host lab --provider compose --name lab-one --set 'port=18080' --yes");
    expect(prepared.answersFile).toBe(join(pipeline.installsDir, 'lab-one@lab.yaml'));
    const events: OperationEvent[] = [];
    const outcome = await prepared.apply({ onEvent: (e) => events.push(e), signal: new AbortController().signal, onFailure: async () => 'undo' });
    expect(outcome.status).toBe('succeeded');
    expect(events.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
    const answers = readFileSync(prepared.answersFile, 'utf8');
    expect(answers).toMatch(/^port: 18080$/m);
    expect(statSync(prepared.answersFile).mode & 0o777).toBe(0o600);
    expect((await cachedDeployments(pipeline.cacheDir)).map((r) => r.name)).toEqual(['lab-one']);
  });

  it('an abort (Ctrl-C) while a step runs undoes what was created', async () => {
    const controller = new AbortController();
    const blocking = host(true, () => controller.abort(new Error('stopped by the user')));
    const { prepared } = await setUp(blocking);
    const outcome = await prepared.apply({ onEvent: () => undefined, signal: controller.signal, onFailure: async () => 'keep' });
    expect(outcome.status).toBe('cancelled');
    // Under the deployment's lock: started, undone when aborted, and the lock let go.
    expect(blocking.commands).toEqual([
      'list records',
      'lock /var/lib/homelab-tui/locks/lab-one.lock',
      'mkdir -p /var/lib/homelab-tui/deployments',
      'write /var/lib/homelab-tui/deployments/lab-one.json',
      'start-it lab-one',
      'undo-it lab-one',
      'write /var/lib/homelab-tui/deployments/lab-one.json',
      'rm -f -- /var/lib/homelab-tui/deployments/lab-one.json',
      // Its history entry on the host, while the lock is still held.
      expect.stringMatching(/ sh \/var\/lib\/homelab-tui\/history\/lab-one\/\d{8}T\d{6}Z-install-lab-one\.json 200$/),
      'unlock /var/lib/homelab-tui/locks/lab-one.lock',
    ]);
  });
});

describe('secretFiles', () => {
  it('lists kept 0600 files and files a provider marks 0600, not staged copies', async () => {
    const { secretFiles } = await import('../../../../src/services/wizard/pipeline.js');
    const write = (path: string, mode: number) => ({ kind: 'write' as const, path, content: 'x', mode });
    expect(
      secretFiles({
        kind: 'install',
        deployment: 'd',
        host: 'h',
        provider: 'compose',
        app: 'a',
        secrets: [],
        steps: [
          { id: 'p', title: 'project', actions: [write('/opt/d/compose.yaml', 0o644), write('/opt/d/app.env', 0o600)], creates: ['/opt/d/compose.yaml', '/opt/d/app.env'] },
          { id: 's', title: 'stage', actions: [write('/tmp/stage/step-1.env', 0o600)] },
          { id: 'b', title: 'boot', actions: [], creates: ['a boot service app in CT 120', '/etc/app.env (mode 0600)'] },
        ],
      }),
    ).toEqual(['/opt/d/app.env', '/etc/app.env']);
  });
});
