import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sshConfigFile } from '../../../src/cli/ssh-config-file.js';
import { settingsSchema } from '../../../src/platform/config/settings.js';
import { parseYamlText } from '../../../src/platform/config/yaml-file.js';

const paths = { settingsFile: '/etc/me/homelab-tui/settings.yaml' } as Parameters<typeof sshConfigFile>[0]['paths'];

describe('the ssh config file a command reads', () => {
  it('is --ssh-config when given, whatever settings.yaml says', () => {
    expect(sshConfigFile({ sshConfigFile: '/flag/config', paths }, { sshConfig: '/setting/config' })).toBe('/flag/config');
  });

  it("is settings.yaml's sshConfig without the flag: absolute, ~/ from home, relative from settings.yaml's folder", () => {
    expect(sshConfigFile({ sshConfigFile: undefined, paths }, { sshConfig: '/lab/ssh_config' })).toBe('/lab/ssh_config');
    expect(sshConfigFile({ sshConfigFile: undefined, paths }, { sshConfig: '~/.ssh/lab' })).toBe(join(homedir(), '.ssh/lab'));
    expect(sshConfigFile({ sshConfigFile: undefined, paths }, { sshConfig: 'lab/ssh_config' })).toBe('/etc/me/homelab-tui/lab/ssh_config');
  });

  it('is undefined (~/.ssh/config) with neither', () => {
    expect(sshConfigFile({ sshConfigFile: undefined, paths }, {})).toBeUndefined();
  });

  it('settings.yaml accepts sshConfig and names the line of a wrong one', () => {
    expect(parseYamlText('sshConfig: /lab/ssh_config\n', 'settings.yaml', settingsSchema).sshConfig).toBe('/lab/ssh_config');
    expect(() => parseYamlText('refreshSeconds: 5\nsshConfig: 12\n', 'settings.yaml', settingsSchema)).toThrow(/settings\.yaml:2:\d+: sshConfig/);
  });
});
