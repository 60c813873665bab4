import { describe, expect, it } from 'vitest';
import { parseEnvFile, readComposeSecrets } from '../../../../src/providers/compose/backup-access.js';
import type { Command, CommandRunner, RunResult } from '../../../../src/platform/runner/command-runner.js';
import type { ProviderContext } from '../../../../src/providers/provider.js';
import type { DeploymentRecord } from '../../../../src/platform/deployments/deployment-record.js';
import type { RenderedCommon } from '../../../../src/platform/recipe/render/rendered.js';
import { systemClock } from '../../../../src/platform/clock.js';

/** A host whose files are given; reading any other path says it does not exist. */
function filesHost(files: Record<string, string>): CommandRunner {
  return {
    host: 'docker',
    async run(command: Command): Promise<RunResult> {
      const path = command.argv[4] ?? '';
      return path in files ? { exitCode: 0, stdout: files[path] ?? '', stderr: '' } : { exitCode: 3, stdout: '', stderr: '' };
    },
    stream: () => (async function* () {})(),
    close: async () => undefined,
  };
}

const record = { name: 'tasks', refs: { project: 'tasks', dir: '/opt/homelab-tui/tasks', file: '/opt/homelab-tui/tasks/compose.yaml', services: 'app,db' } } as unknown as DeploymentRecord;

describe('compose secrets read back for a backup', () => {
  it('parses env files as homelab-tui writes them (plain, or in single quotes)', () => {
    expect(parseEnvFile("A=plain\nB='with space'\n# comment\nC=\n")).toEqual({ A: 'plain', B: 'with space', C: '' });
  });

  it('finds each secret answer by its sentinel in the rendered env, and takes the text around it off the real value', async () => {
    const rendered = {
      services: [
        { name: 'app', env: { TOKEN: 'S1', URL: 'postgres://u:S2@db/app' } },
        { name: 'db', env: { POSTGRES_PASSWORD: 'S2' } },
      ],
    } as unknown as RenderedCommon;
    const ctx = { runner: filesHost({ '/opt/homelab-tui/tasks/app.env': "TOKEN=tok-123\nURL='postgres://u:pw 9@db/app'\n" }), hostName: 'docker', hostAddress: '10.0.0.2', clock: systemClock } as ProviderContext;
    expect(await readComposeSecrets(ctx, record, rendered, { token: 'S1', db_password: 'S2', missing: 'S3' })).toEqual({ token: 'tok-123', db_password: 'pw 9' });
  });
});
