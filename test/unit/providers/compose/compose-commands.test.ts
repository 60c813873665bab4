import { describe, expect, it } from 'vitest';
import { composeCommand, projectRef } from '../../../../src/providers/compose/compose-commands.js';
import type { ComposeTool } from '../../../../src/providers/compose/compose-host.js';

const v1: ComposeTool = { flavour: 'docker-compose', version: '1.29.2', argv: ['docker-compose'], engine: 'docker' };
const podman: ComposeTool = { flavour: 'podman-compose', version: '1.0.3', argv: ['podman-compose'], engine: 'podman' };
const ref = projectRef('/opt/homelab-tui', 'tasks');

describe('composeCommand', () => {
  it('runs in the project directory with -p and -f', () => {
    expect(ref).toEqual({ project: 'tasks', dir: '/opt/homelab-tui/tasks', file: '/opt/homelab-tui/tasks/compose.yaml' });
    expect(composeCommand('up', v1, ref, { commands: {} })).toEqual({ argv: ['docker-compose', '-p', 'tasks', '-f', '/opt/homelab-tui/tasks/compose.yaml', 'up', '-d'], cwd: '/opt/homelab-tui/tasks' });
  });

  it('config is quiet on Docker (it would print the env files) and plain on Podman', () => {
    expect(composeCommand('config', v1, ref, { commands: {} }).argv.slice(-2)).toEqual(['config', '-q']);
    expect(composeCommand('config', podman, ref, { commands: {} }).argv.slice(-1)).toEqual(['config']);
  });

  it('restart drops {service} when there is none and fills it when there is', () => {
    expect(composeCommand('restart', v1, ref, { commands: {} }).argv.slice(-1)).toEqual(['restart']);
    expect(composeCommand('restart', v1, ref, { commands: {} }, 'db').argv.slice(-2)).toEqual(['restart', 'db']);
  });

  it('stop and start, like restart, act on every service or on one', () => {
    expect(composeCommand('stop', v1, ref, { commands: {} }).argv.slice(-1)).toEqual(['stop']);
    expect(composeCommand('start', podman, ref, { commands: {} }, 'db').argv).toEqual(['podman-compose', '-p', 'tasks', '-f', '/opt/homelab-tui/tasks/compose.yaml', 'start', 'db']);
  });

  it('a template from settings replaces the command; {compose} expands to the tool\'s argv', () => {
    const commands = { up: ['{compose}', '--project-name={project}', '-f', '{file}', 'up', '-d', '--remove-orphans'] };
    expect(composeCommand('up', { ...v1, argv: ['sudo', 'docker-compose'] }, ref, { commands }).argv).toEqual([
      'sudo',
      'docker-compose',
      '--project-name=tasks',
      '-f',
      '/opt/homelab-tui/tasks/compose.yaml',
      'up',
      '-d',
      '--remove-orphans',
    ]);
  });
});
