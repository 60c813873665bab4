import { describe, expect, it } from 'vitest';
import { nodePathOf, parseGuestEnvFile } from '../../../../src/providers/proxmox-lxc/backup-access.js';
import { envFileText } from '../../../../src/providers/proxmox-lxc/boot-service.js';

const mounts = [
  { key: 'mp0', hostPath: '/srv/media', guestPath: '/media', readOnly: true },
  { key: 'mp1', hostPath: '/var/lib/homelab-tui/data/app/var/lib/app', guestPath: '/var/lib/app', readOnly: false },
  { key: 'mp2', hostPath: '/var/lib/homelab-tui/data/app/var/lib/app/cache/', guestPath: '/var/lib/app/cache', readOnly: false },
];

describe('nodePathOf', () => {
  it('maps a guest path on a bind mount to the node path, the deepest mount winning', () => {
    expect(nodePathOf(mounts, '/var/lib/app')).toBe('/var/lib/homelab-tui/data/app/var/lib/app');
    expect(nodePathOf(mounts, '/var/lib/app/')).toBe('/var/lib/homelab-tui/data/app/var/lib/app');
    expect(nodePathOf(mounts, '/var/lib/app/db/app.sqlite')).toBe('/var/lib/homelab-tui/data/app/var/lib/app/db/app.sqlite');
    expect(nodePathOf(mounts, '/var/lib/app/cache/x')).toBe('/var/lib/homelab-tui/data/app/var/lib/app/cache/x');
  });

  it('is undefined for a path on no mount, or one that only shares a prefix', () => {
    expect(nodePathOf(mounts, '/var/lib/application')).toBeUndefined();
    expect(nodePathOf(mounts, '/etc')).toBeUndefined();
  });
});

describe('parseGuestEnvFile', () => {
  it('reads back what the install wrote, quotes included', () => {
    const env = { A: 'plain', B: "it's 'quoted'", C: '', D: 'a=b c' };
    expect(parseGuestEnvFile(envFileText(env))).toEqual(env);
  });

  it('skips lines it did not write', () => {
    expect(parseGuestEnvFile('# note\nexport X=1\nY=unquoted\nZ=\'ok\'\n')).toEqual({ Z: 'ok' });
  });
});
