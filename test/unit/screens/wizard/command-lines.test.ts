import { describe, expect, it } from 'vitest';
import { commandLines } from '../../../../src/screens/wizard/command-lines.js';

describe('commandLines', () => {
  const command = "homelab-tui install labapp --host docker --provider compose --name lab-two --set 'port=9100' --set 'data_dir=/srv/it'\\''s here' --yes";

  it('breaks only before an option, ends each line but the last with a backslash, and fits the width', () => {
    const lines = commandLines(command, 40);
    expect(lines).toEqual([
      'homelab-tui install labapp \\',
      '--host docker --provider compose \\',
      "--name lab-two --set 'port=9100' \\",
      "--set 'data_dir=/srv/it'\\''s here' \\",
      '--yes',
    ]);
    expect(lines.every((l) => l.length <= 42)).toBe(true);
  });

  it('joins back to the same command', () => {
    expect(commandLines(command, 50).map((l) => l.replace(/ \\$/, '')).join(' ')).toBe(command);
  });

  it('keeps a short command on one line', () => {
    expect(commandLines('homelab-tui install labapp --host docker --yes', 80)).toEqual(['homelab-tui install labapp --host docker --yes']);
  });

  it('keeps a command and its arguments apart from the option before them, so lines fit (global options first)', () => {
    const command = "homelab-tui --config-dir /tmp/hl-wizard-e2e-Qssnd7 --ssh-config /tmp/ci-check/test/lab/.state/hl/ssh/ssh_config install labapp --host pve --name wiz-lxc --set 'lxc_storage=local' --yes";
    const lines = commandLines(command, 76);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(76);
    expect(lines[1]).toBe('--ssh-config /tmp/ci-check/test/lab/.state/hl/ssh/ssh_config \\');
    expect(lines[2]).toMatch(/^install labapp --host pve/);
    expect(lines.map((l) => l.replace(/ \\$/, '')).join(' ')).toBe(command);
  });
});
