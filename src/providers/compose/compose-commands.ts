import type { ComposeAction, ComposeSettings } from '../../platform/config/compose-settings.js';
import { BugError } from '../../platform/errors.js';
import type { Command } from '../../platform/runner/command-runner.js';
import type { ComposeTool } from './compose-host.js';

/** Where a deployment's compose project lives on its host. */
export interface ProjectRef {
  project: string;
  dir: string;
  file: string;
}

export const COMPOSE_FILE_NAME = 'compose.yaml';

/** A project's directory and file under the settings' project root (compose projects are unique per host). */
export function projectRef(projectRoot: string, project: string): ProjectRef {
  const dir = `${projectRoot}/${project}`;
  return { project, dir, file: `${dir}/${COMPOSE_FILE_NAME}` };
}

/**
 * The default argv templates. `config` is quiet where the flavour has -q: the full output inlines
 * every env file, secrets included. podman-compose 1.0.3 has no `config` at all (preflight says so).
 */
function defaultTemplate(action: ComposeAction, tool: ComposeTool): string[] {
  const base = ['{compose}', '-p', '{project}', '-f', '{file}'];
  switch (action) {
    case 'up':
      return [...base, 'up', '-d'];
    case 'down':
      return [...base, 'down'];
    case 'config':
      return tool.engine === 'docker' ? [...base, 'config', '-q'] : [...base, 'config'];
    case 'restart':
      return [...base, 'restart', '{service}'];
    case 'stop':
      return [...base, 'stop', '{service}'];
    case 'start':
      return [...base, 'start', '{service}'];
  }
}

/**
 * A compose command from its template (settings may replace it): `{compose}` becomes the tool's argv,
 * `{project}`, `{file}` and `{service}` are filled in, and a lone `{service}` without a service is dropped.
 * It runs in the project directory, where relative paths in the file (env files) resolve.
 */
export function composeCommand(
  action: ComposeAction,
  tool: ComposeTool,
  ref: ProjectRef,
  settings: Pick<ComposeSettings, 'commands'>,
  service?: string,
): Command {
  const template = settings.commands[action] ?? defaultTemplate(action, tool);
  const values: Record<string, string | undefined> = { project: ref.project, file: ref.file, service };
  const argv = template.flatMap((word) => {
    if (word === '{compose}') return [...tool.argv];
    if (word === '{service}' && service === undefined) return [];
    return [word.replace(/\{(project|file|service)\}/g, (_, key: string) => values[key] ?? '')];
  });
  if (argv.length === 0) throw new BugError(`the ${action} template is empty`);
  return { argv, cwd: ref.dir };
}
