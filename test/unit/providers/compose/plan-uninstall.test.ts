import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../../src/platform/config/settings.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import { viewPlan } from '../../../../src/platform/plan/render-plan.js';
import { planComposeUninstall } from '../../../../src/providers/compose/plan-uninstall.js';
import { hostPathsArgv } from '../../../../src/providers/compose/host-paths.js';
import { contextOf, fakeComposeHost } from './fake-host.js';

const settings = settingsSchema.parse({}).compose;

function record(dir: string): DeploymentRecord {
  return {
    schema: 2,
    name: 'notes',
    app: 'labapp',
    version: '1',
    provider: 'compose',
    host: 'docker',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    answers: {},
    secretKeys: [],
    refs: { project: 'notes', dir, file: `${dir}/docker-compose.yml`, services: 'web', engine: 'docker' },
    urls: [],
    releases: [],
  };
}

async function projectStep(dir: string) {
  const runner = fakeComposeHost('docker', {});
  // The compose file is there (one line per path: path, exists, free KiB, mount point).
  runner.expect({ argv: hostPathsArgv([`${dir}/docker-compose.yml`]), result: { stdout: `${dir}/docker-compose.yml\t1\t100\t/\n` } });
  const plan = await planComposeUninstall(contextOf(runner), record(dir), false, settings);
  const index = plan.steps.findIndex((s) => s.id === 'project');
  return viewPlan(plan).steps[index];
}

describe('uninstall of a compose project', () => {
  it('removes the project folder homelab-tui made under its project root', async () => {
    const step = await projectStep('/opt/homelab-tui/notes');
    expect(step?.actions).toEqual([{ kind: 'run', argv: ['rm', '-rf', '--', '/opt/homelab-tui/notes'] }]);
  });

  it('in a folder that was the user\'s (an adopted project), only a compose file homelab-tui wrote goes; the folder and its data stay', async () => {
    const step = await projectStep('/srv/notes');
    expect(step?.title).toContain('the folder was not made by homelab-tui: the rest of it stays');
    expect(JSON.stringify(step?.actions)).not.toContain('-rf');
    expect(step?.actions).toEqual([{ kind: 'run', argv: ['sh', '-c', expect.stringContaining('^# Written by homelab-tui'), 'sh', '/srv/notes/docker-compose.yml'] }]);
  });
});
