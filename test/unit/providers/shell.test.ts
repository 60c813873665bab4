// The Shells capability: the command each provider gives for an interactive shell, and what it refuses.
import { describe, expect, it } from 'vitest';
import { ComposeProvider } from '../../../src/providers/compose/compose-provider.js';
import { ProxmoxLxcProvider } from '../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { K3sProvider } from '../../../src/providers/k3s/k3s-provider.js';
import { hasShell } from '../../../src/providers/provider.js';
import { SHELL_INSIDE } from '../../../src/providers/shell.js';
import type { ProviderContext } from '../../../src/providers/provider.js';
import type { DeploymentRecord } from '../../../src/platform/deployments/deployment-record.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeRunner } from '../../support/fake-runner.js';
import { newRecord } from '../../support/deployment-records.js';

const lxcRecord: DeploymentRecord = {
  ...newRecord('lab', { app: 'labapp', version: '1' }),
  refs: { vmid: 180, node: 'lx-pve', hostname: 'fx-ct', address: '10.211.200.180', service: 'labapp' },
};
const onNode = { argv: ['uname', '-n'], result: { stdout: 'lx-pve\n' } };

function context(runner: FakeRunner): ProviderContext {
  return { runner, hostName: 'pve', hostAddress: '10.211.3.2', clock: new FakeClock(Date.parse('2026-01-01T12:00:00Z')) };
}

describe('a shell in a deployment', () => {
  it('compose, LXC and k3s offer it', () => {
    expect(hasShell(new ComposeProvider({} as never))).toBe(true);
    expect(hasShell(new ProxmoxLxcProvider())).toBe(true);
    expect(hasShell(new K3sProvider({} as never))).toBe(true);
  });

  it('LXC: pct exec into the guest, bash where it has it, else sh', async () => {
    const command = await new ProxmoxLxcProvider().shellCommand(context(new FakeRunner('pve').expect(onNode)), lxcRecord);
    expect(command.argv).toEqual(['pct', 'exec', '180', '--', ...SHELL_INSIDE]);
    expect(SHELL_INSIDE.join(' ')).toContain('exec bash; else exec sh');
  });

  it('LXC: the service may be named as status names it (the hostname) or as the app unit; another is refused', async () => {
    const provider = new ProxmoxLxcProvider();
    for (const service of ['fx-ct', 'labapp']) {
      expect((await provider.shellCommand(context(new FakeRunner('pve').expect(onNode)), lxcRecord, service)).argv[2]).toBe('180');
    }
    await expect(provider.shellCommand(context(new FakeRunner()), lxcRecord, 'db')).rejects.toThrow('"lab" has one service, its container fx-ct, not db');
  });

  it('compose: a service the project does not have is refused before anything runs, naming its services', async () => {
    const record: DeploymentRecord = {
      ...newRecord('tasks', { app: 'vikunja', version: '1' }, 'compose', 'nas'),
      refs: { project: 'tasks', dir: '/opt/homelab-tui/tasks', file: '/opt/homelab-tui/tasks/compose.yaml', services: 'api,db', main: 'api' },
    };
    await expect(new ComposeProvider({} as never).shellCommand(context(new FakeRunner()), record, 'web')).rejects.toThrow('"tasks" has no service "web"');
  });
});
