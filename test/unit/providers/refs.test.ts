import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/platform/errors.js';
import { recordProject } from '../../../src/providers/compose/record-target.js';
import { containerRef } from '../../../src/providers/proxmox-lxc/container-ref.js';
import { recordRefsProblem } from '../../../src/providers/registry.js';
import { recordOf } from '../../support/fleet-doubles.js';

describe("each provider's refs have a zod schema in its folder; the registry checks records with it", () => {
  it('a compose record as the provider writes it is good, and reads as its project', () => {
    const record = recordOf('tasks', { refs: { project: 'tasks', dir: '/opt/homelab-tui/tasks', file: '/opt/homelab-tui/tasks/compose.yaml', services: 'app,db', flavour: 'docker-compose', engine: 'docker', main: 'app' } });
    expect(recordRefsProblem(record)).toBeUndefined();
    expect(recordProject(record)).toEqual({ project: 'tasks', dir: '/opt/homelab-tui/tasks', file: '/opt/homelab-tui/tasks/compose.yaml', services: ['app', 'db'], main: 'app' });
  });

  it('a bad compose record names the deployment and the field, and never the value', () => {
    const record = recordOf('tasks', { host: 'docker', refs: { project: 'tasks', dir: '/opt/x', file: '/opt/x/compose.yaml', services: 'app', engine: 'SECRET-LOOKING-VALUE' } });
    const problem = recordRefsProblem(record);
    expect(problem?.message).toMatch(/^the record of "tasks" has a bad refs\.engine: /);
    expect(problem?.message).not.toContain('SECRET-LOOKING-VALUE');
    expect(problem?.hint).toBe('it was not written by the compose provider of this version; look at /var/lib/homelab-tui/deployments/tasks.json on docker');
    expect(() => recordProject(recordOf('t2', { refs: { dir: '/opt/x', file: 'f', services: 'app' } }))).toThrow(UserError);
    expect(() => recordProject(recordOf('t2', { refs: { dir: '/opt/x', file: 'f', services: 'app' } }))).toThrow(/^the record of "t2" has a bad refs\.project: /);
  });

  it('a proxmox-lxc record: a vmid that is not a number is named', () => {
    const good = { vmid: 120, node: 'pve', hostname: 'web', address: 'dhcp', service: 'web' };
    expect(recordRefsProblem(recordOf('web', { provider: 'proxmox-lxc', refs: good }))).toBeUndefined();
    expect(containerRef(recordOf('web', { provider: 'proxmox-lxc', refs: good }))).toMatchObject({ vmid: 120, node: 'pve' });
    const problem = recordRefsProblem(recordOf('web', { provider: 'proxmox-lxc', refs: { ...good, vmid: 'one-twenty' } }));
    expect(problem?.message).toMatch(/^the record of "web" has a bad refs\.vmid: /);
    expect(problem?.message).not.toContain('one-twenty');
  });
});
