import { describe, expect, it } from 'vitest';
import { chooseContainerId, chooseTemplate, firstFreeId } from '../../../../src/providers/proxmox-lxc/node-choices.js';
import { parseClusterGuests, parseTemplates } from '../../../../src/providers/proxmox-lxc/parse-node.js';
import { pveFixture } from '../../../support/pve-fixtures.js';

const guests = parseClusterGuests(pveFixture('schema-returns', 'cluster-resources-mixed.json'));

describe('container id', () => {
  it("takes the node's next free id, moved past ids any guest in the cluster holds (QEMU too)", () => {
    expect(chooseContainerId(guests, 102)).toEqual({ ok: true, value: 102, detail: 'CT 102, the next free id in the cluster' });
    expect(chooseContainerId(guests, 100)).toMatchObject({ ok: true, value: 102 });
    expect(firstFreeId(guests, 103)).toBe(104);
  });

  it('keeps a fixed id that is free', () => {
    expect(chooseContainerId(guests, 102, 250)).toEqual({ ok: true, value: 250, detail: 'CT 250 (fixed) is free in the cluster' });
  });

  it('refuses a fixed id another guest holds, naming it and the next free id', () => {
    expect(chooseContainerId(guests, 102, 100)).toEqual({
      ok: false,
      reason: 'id 100 is taken by VM 100 "win11" on node pve2',
      hint: 'choose another lxc_ctid, or leave it empty to take the next free id (102)',
    });
    expect(chooseContainerId(guests, 102, 101)).toMatchObject({ ok: false, reason: 'id 101 is taken by CT 101 "pihole" on node pve1' });
  });
});

describe('template', () => {
  const templates = parseTemplates(pveFixture('schema-returns', 'storage-content-vztmpl.json'));

  it('the newest Debian standard template, by release and then build', () => {
    expect(chooseTemplate(templates, 'debian')).toMatchObject({ ok: true, value: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst' });
  });

  it('recipes that need only a shell take Debian too when there is one, else any template', () => {
    expect(chooseTemplate(templates, 'any')).toMatchObject({ value: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst' });
    expect(chooseTemplate(['local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz'], 'any')).toMatchObject({ ok: true, value: 'local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz' });
  });

  it('a Debian recipe on a node without a Debian template says how to get one', () => {
    expect(chooseTemplate(['local:vztmpl/lab-busybox_1.35-1_amd64.tar.gz'], 'debian')).toEqual({
      ok: false,
      reason: 'the node has no Debian container template',
      hint: 'download one: pveam update && pveam available --section system && pveam download local debian-12-standard_12.7-1_amd64.tar.zst',
    });
  });

  it('a template asked for must be on the node', () => {
    expect(chooseTemplate(templates, 'debian', 'local:vztmpl/debian-11-standard_11.7-1_amd64.tar.zst')).toMatchObject({ ok: true, value: 'local:vztmpl/debian-11-standard_11.7-1_amd64.tar.zst' });
    expect(chooseTemplate(templates, 'debian', 'nas:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst')).toEqual({
      ok: false,
      reason: 'template nas:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst is not on this node',
      hint: 'download it: pveam update && pveam download nas ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
    });
  });
});
