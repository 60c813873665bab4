import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../../src/platform/errors.js';
import { elevatedArgv, elevationFailure, sudoersHint } from '../../../../src/platform/runner/elevation.js';

describe('elevatedArgv', () => {
  it('runs through sudo -n and passes variables after sudo, which resets the environment', () => {
    expect(elevatedArgv({ argv: ['pct', 'list'] })).toEqual(['sudo', '-n', '--', 'pct', 'list']);
    expect(elevatedArgv({ argv: ['docker', 'ps'], env: { DOCKER_HOST: 'unix:///x' } })).toEqual([
      'sudo', '-n', '--', 'env', 'DOCKER_HOST=unix:///x', 'docker', 'ps',
    ]);
  });
});

describe('elevationFailure', () => {
  const command = { argv: ['pct', 'list'] };

  it.each([
    'sudo: a password is required\n',
    'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\n',
    'alice is not in the sudoers file.  This incident will be reported.\n'.replace(/^/, 'sudo: '),
    'sh: 1: exec: sudo: not found\n',
  ])('turns sudo refusing (%j) into a CommandError with the sudoers line', (stderr) => {
    const error = elevationFailure(command, { exitCode: 1, stdout: '', stderr }, 'pve1', 'alice');
    expect(error).toBeInstanceOf(CommandError);
    expect(error?.hint).toContain("alice ALL=(ALL) NOPASSWD: ALL");
    expect(error?.host).toBe('pve1');
  });

  it('leaves a failure of the program itself alone', () => {
    expect(elevationFailure(command, { exitCode: 2, stdout: '', stderr: 'pct: unknown command\n' }, 'pve1', 'alice')).toBeUndefined();
    expect(elevationFailure(command, { exitCode: 0, stdout: '', stderr: 'sudo: a password is required' }, 'pve1', 'alice')).toBeUndefined();
  });

  it('names the file to write', () => {
    expect(sudoersHint('bob')).toContain('/etc/sudoers.d/homelab-tui');
  });
});
