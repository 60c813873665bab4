import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/platform/errors.js';
import { parseSshConfig, resolveTarget, type ResolveContext } from '../../../../src/platform/ssh/ssh-target.js';

const CONFIG = `
Host pve pve.alias
  HostName 10.1.0.2
  User admin
  Port 2222
  IdentityFile ~/.ssh/pve_key
  IdentityFile %d/.ssh/second_%r

Host inner
  HostName 10.9.0.2
  ProxyJump bastion
  UserKnownHostsFile ~/.ssh/lab_known_hosts /etc/other_known

Host bastion
  HostName 10.1.0.9
  User jumper
  IdentitiesOnly yes

Host chained
  HostName 10.9.0.3
  ProxyJump alice@hop1:2200,bastion

Host loop-a
  ProxyJump loop-b
Host loop-b
  ProxyJump loop-a

Host *
  User fallback
  HostKeyAlias shared-alias
`;

function ctx(hosts: Record<string, { name: string; address: string; jump?: string }> = {}): ResolveContext {
  return { config: parseSshConfig(CONFIG), home: '/home/me', localUser: 'me', inventoryHost: (name) => (hosts[name] ? { tags: [], ...hosts[name] } : undefined) };
}

describe('resolveTarget', () => {
  it('follows an alias to HostName, User, Port and expands IdentityFile tokens', () => {
    const target = resolveTarget({ name: 'pve1', address: 'pve.alias' }, ctx());
    expect(target).toMatchObject({
      name: 'pve1',
      hostName: '10.1.0.2',
      port: 2222,
      user: 'admin',
      identityFiles: ['/home/me/.ssh/pve_key', '/home/me/.ssh/second_admin'],
      identitiesOnly: false,
    });
    expect(target.via).toBeUndefined();
  });

  it('lets inventory values win over the config and puts the inventory key first', () => {
    const target = resolveTarget({ name: 'pve1', address: 'pve', user: 'root', port: 22, identityFile: '/k/id' }, ctx());
    expect(target).toMatchObject({ user: 'root', port: 22, identityFiles: ['/k/id', '/home/me/.ssh/pve_key', '/home/me/.ssh/second_root'] });
  });

  it('falls back to the address itself, port 22 and Host * values', () => {
    const target = resolveTarget({ name: 'plain', address: '192.168.1.5' }, ctx());
    expect(target).toMatchObject({ hostName: '192.168.1.5', port: 22, user: 'fallback', identityFiles: [], hostKeyAlias: 'shared-alias' });
  });

  it('resolves ProxyJump through the config, with the hop reading its own section', () => {
    const target = resolveTarget({ name: 'inner', address: 'inner' }, ctx());
    expect(target.hostName).toBe('10.9.0.2');
    expect(target.knownHostsFiles).toEqual(['/home/me/.ssh/lab_known_hosts', '/etc/other_known']);
    expect(target.via).toMatchObject({ name: 'bastion', hostName: '10.1.0.9', user: 'jumper', identitiesOnly: true });
  });

  it('builds a chain for a comma list: the last hop is reached through the first', () => {
    const target = resolveTarget({ name: 'chained', address: 'chained' }, ctx());
    expect(target.via).toMatchObject({ name: 'bastion', hostName: '10.1.0.9' });
    expect(target.via?.via).toMatchObject({ name: 'alice@hop1:2200', hostName: 'hop1', port: 2200, user: 'alice' });
  });

  it('lets an inventory jump name another inventory host', () => {
    const hosts = { gw: { name: 'gw', address: '10.5.0.1' } };
    const target = resolveTarget({ name: 'behind', address: '10.5.1.2', jump: 'gw' }, ctx(hosts));
    expect(target.via).toMatchObject({ name: 'gw', hostName: '10.5.0.1' });
  });

  it('stops a jump loop with a UserError', () => {
    expect(() => resolveTarget({ name: 'x', address: 'loop-a' }, ctx())).toThrow(UserError);
  });

  it('rejects a bad port in the config', () => {
    const bad: ResolveContext = { ...ctx(), config: parseSshConfig('Host b\n  Port 99999\n') };
    expect(() => resolveTarget({ name: 'b', address: 'b' }, bad)).toThrow(/not a port/);
  });
});
