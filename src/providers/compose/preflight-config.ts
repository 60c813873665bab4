import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import { CommandError, tailOf } from '../../platform/errors.js';
import { writeRemoteFile } from '../../platform/remote-file.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { PreflightItem } from '../provider.js';
import { composeCommand, COMPOSE_FILE_NAME } from './compose-commands.js';
import type { ComposeTarget } from './compose-target.js';
import { maskedEnvText, type ProjectFiles } from './project-files.js';

// podman-compose 1.0.3: "invalid choice: 'config'"; other tools word a missing command like this.
const NO_CONFIG = /invalid choice: 'config'|unknown (command|subcommand)|no such command/i;

/**
 * Lets the host's own compose tool check the file: it is written to a private temporary directory
 * with the secrets replaced (config would print them), checked with `config`, and removed again.
 */
export async function checkWithHostConfig(runner: CommandRunner, target: ComposeTarget, files: ProjectFiles, settings: Pick<ComposeSettings, 'commands'>): Promise<PreflightItem> {
  const made = await runner.run({ argv: ['mktemp', '-d', '/tmp/homelab-tui-check.XXXXXX'], timeoutMs: 30_000 });
  if (made.exitCode !== 0) throw new CommandError(['mktemp', '-d'], made.exitCode, runner.host, tailOf(made.stderr));
  const dir = made.stdout.trim();
  try {
    await writeRemoteFile(runner, `${dir}/${COMPOSE_FILE_NAME}`, files.composeText, 0o600);
    for (const env of files.envFiles) await writeRemoteFile(runner, `${dir}/${env.path.split('/').pop() ?? ''}`, maskedEnvText(env), 0o600);
    const command = composeCommand('config', target.tool, { project: files.ref.project, dir, file: `${dir}/${COMPOSE_FILE_NAME}` }, settings);
    const result = await runner.run({ ...command, timeoutMs: 60_000 });
    const tool = `${target.tool.flavour} ${target.tool.version}`;
    if (result.exitCode === 0) return { status: 'ok', label: `${tool} accepts the compose file (config)` };
    const said = tailOf(result.stderr || result.stdout, 3);
    if (NO_CONFIG.test(said)) {
      return { status: 'warn', label: `${tool} has no config command`, detail: 'the file was checked against the Compose specification only', hint: 'a newer podman-compose (1.1 or later) can check it too' };
    }
    return { status: 'fail', label: `${tool} rejects the compose file`, detail: said, hint: 'this compose tool reads the file differently: report it with the message above' };
  } finally {
    await runner.run({ argv: ['rm', '-rf', '--', dir], timeoutMs: 30_000 });
  }
}
