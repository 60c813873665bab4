import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRecordsCommand } from '../../../../src/services/deployments/record-store.js';
import { cachedDeployments } from '../../../../src/services/install/deployment-cache.js';
import type { OperationEvent } from '../../../../src/services/operation/operation-events.js';
import { writeFileCommand } from '../../../../src/services/remote-file.js';
import type { Command, CommandRunner, RunResult, StreamLine } from '../../../../src/services/runner/command-runner.js';
import { prepareWizardInstall } from '../../../../src/services/wizard/pipeline.js';
import { stubDeps } from '../install/stub-deps.js';

/** A host that keeps written files, grants locks, and blocks `start-it` until the command is aborted. */
class BlockingHost implements CommandRunner {
  readonly host = 'lab';
  readonly commands: string[] = [];
  readonly files = new Map<string, string>();
  started: (() => void) | undefined;
  constructor(private readonly block: boolean) {}

  async run(command: Command): Promise<RunResult> {
    const argv = [...command.argv];
    const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '' });
    if (argv[2] === writeFileCommand('x', '').argv[2]) {
      this.files.set(argv[4] ?? '', String(command.stdin));
      this.commands.push(`write ${argv[4]}`);
      return ok();
    }
    if (argv[2] === listRecordsCommand().argv[2]) return ok([...this.files].map(([path, text]) => `${path}\t${text.trim()}\n`).join(''));
    if (argv[0] === 'sh' && argv[2]?.includes('owner.json')) return ok();
    this.commands.push(argv.join(' '));
    if (argv[0] === 'start-it' && this.block) {
      const aborted = new Promise((resolve) => command.signal?.addEventListener('abort', resolve, { once: true }));
      this.started?.();
      await aborted;
      return { exitCode: null, stdout: '', stderr: 'killed' };
    }
    return ok();
  }

  stream(): AsyncIterable<StreamLine> {
    throw new Error('nothing streams here');
  }

  async close(): Promise<void> {}
}

async function setUp(host: BlockingHost) {
  const { deps } = await stubDeps(host, [{ status: 'warn', label: 'a warning' }]);
  const dir = mkdtempSync(join(tmpdir(), 'hl-wizard-pipeline-'));
  const pipeline = { ...deps, cacheDir: join(dir, 'cache'), operationsDir: join(dir, 'ops'), installsDir: join(dir, 'installs') };
  const request = { app: 'labapp', host: 'lab', provider: 'compose' as const, name: 'lab-one', sets: ['port=18080'], repeatable: { port: '18080' } };
  return { pipeline, prepared: await prepareWizardInstall(request, pipeline, undefined) };
}

describe('the wizard through the install pipeline', () => {
  it('prepares what the review shows, applies it, writes the answers file and caches the deployment', async () => {
    const host = new BlockingHost(false);
    const { pipeline, prepared } = await setUp(host);
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
    const host = new BlockingHost(true);
    const { prepared } = await setUp(host);
    const controller = new AbortController();
    host.started = () => controller.abort(new Error('stopped by the user'));
    const outcome = await prepared.apply({ onEvent: () => undefined, signal: controller.signal, onFailure: async () => 'keep' });
    expect(outcome.status).toBe('cancelled');
    expect(host.commands).toEqual(['start-it lab-one', 'undo-it lab-one', 'rm -rf -- /var/lib/homelab-tui/locks/lab-one.lock']);
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
