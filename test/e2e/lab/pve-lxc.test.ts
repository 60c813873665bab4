// The Proxmox-like host: the pct SIMULATOR runs a real LXC container whose app answers HTTP from the
// root namespace, rejects what real pct rejects, and pvesh answers in the schema's shape.
import { cpus, totalmem } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, loadLab, sshRun } from '../../support/lab.js';

const lab = loadLab();
const pve = lab.pve;
const template = pve.templates[0] as string;
const vmid = 150 + (process.pid % 50);
const address = pve.guestAddresses.first;

async function pct(args: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return sshRun('pve', `pct ${args}`, { timeoutMs: 60_000 });
}

async function pvesh(path: string): Promise<unknown> {
  const res = await sshRun('pve', `pvesh get ${path} --output-format json`);
  expect(res.exitCode, res.stderr).toBe(0);
  return JSON.parse(res.stdout);
}

describe('pct on the Proxmox-like host (simulator over real LXC)', () => {
  afterAll(async () => {
    await pct(`destroy ${vmid} --force 1`);
  });

  it('creates, starts, runs the lab app, stops and destroys a container', async () => {
    const create = await pct(`create ${vmid} ${template} --hostname e2e-ct --memory 128 --cores 1 --net0 name=eth0,bridge=${pve.bridge},ip=${address}/24,gw=${pve.gateway}`);
    expect(create.exitCode, create.stderr).toBe(0);
    expect((await pct(`config ${vmid}`)).stdout).toMatch(new RegExp(`^net0: name=eth0,bridge=vmbr0,ip=${address.replaceAll('.', '\\.')}/24,gw=.*hwaddr=BC:24:11:`, 'm'));

    expect((await pct(`start ${vmid}`)).exitCode).toBe(0);
    expect((await pct(`status ${vmid}`)).stdout).toBe('status: running\n');
    const exec = await pct(`exec ${vmid} -- hostname`);
    expect(exec).toMatchObject({ exitCode: 0, stdout: 'e2e-ct\n' });

    expect((await pct(`push ${vmid} ${lab.app.guestBundle} /tmp/labapp.tar.gz`)).exitCode).toBe(0);
    expect((await pct(`exec ${vmid} -- tar -xzf /tmp/labapp.tar.gz -C /`)).exitCode).toBe(0);
    expect((await pct(`exec ${vmid} -- /opt/labapp/install.sh`)).exitCode).toBe(0);
    await eventually('the guest app to answer', async () => (await httpGet(`http://${address}:8080/health`, 2_000)).status === 200);
    expect(await httpGet(`http://${address}:8080/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await httpGet(`http://${address}:8080/version`)).toEqual({ status: 200, body: '1' });

    const listed = (await pvesh(`/nodes/${pve.node}/lxc`)) as { vmid: number; status: string; name: string }[];
    expect(listed.find((c) => c.vmid === vmid)).toMatchObject({ status: 'running', name: 'e2e-ct' });

    expect((await pct(`stop ${vmid}`)).exitCode).toBe(0);
    expect((await pct(`status ${vmid}`)).stdout).toBe('status: stopped\n');
    await expect(httpGet(`http://${address}:8080/health`, 1_500)).rejects.toThrow();
    expect((await pct(`destroy ${vmid}`)).exitCode).toBe(0);
    const gone = await pct(`config ${vmid}`);
    expect(gone).toMatchObject({ exitCode: 255, stderr: `Configuration file 'nodes/${pve.node}/lxc/${vmid}.conf' does not exist\n` });
  });

  it('rejects an unknown option like pct', async () => {
    const res = await pct(`create ${vmid} ${template} --foo bar`);
    expect(res).toMatchObject({ exitCode: 255, stdout: '', stderr: 'Unknown option: foo\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]\n' });
  });

  it('rejects a bad value like pct and creates nothing', async () => {
    const res = await pct(`create ${vmid} ${template} --cores abc`);
    expect(res).toMatchObject({
      exitCode: 255,
      stderr: "400 Parameter verification failed.\ncores: type check ('integer') failed - got 'abc'\npct create <vmid> <ostemplate> [OPTIONS]\n",
    });
    expect((await pct(`config ${vmid}`)).exitCode).toBe(255);
  });
});

describe('pvesh get on the Proxmox-like host', () => {
  it('reports the real machine as the node', async () => {
    const status = (await pvesh(`/nodes/${pve.node}/status`)) as { memory: { total: number }; cpuinfo: { cpus: number }; pveversion: string };
    expect(status.memory.total).toBe(totalmem());
    expect(status.cpuinfo.cpus).toBe(cpus().length);
    expect(status.pveversion).toMatch(/^pve-manager\/\d+\.\d+\.\d+\//);
  });

  it('lists the storage with real free space and the lab template', async () => {
    const storages = (await pvesh(`/nodes/${pve.node}/storage`)) as { storage: string; total: number; avail: number; content: string }[];
    expect(storages).toEqual([expect.objectContaining({ storage: 'local', total: pve.storage.sizeBytes, content: expect.stringContaining('vztmpl') })]);
    const content = (await pvesh(`/nodes/${pve.node}/storage/local/content --content vztmpl`)) as { volid: string }[];
    expect(content.map((c) => c.volid)).toEqual(pve.templates);
    expect(typeof (await pvesh('/cluster/nextid'))).toBe('number');
  });

  it('validates pvesh parameters against the schema too', async () => {
    const res = await sshRun('pve', `pvesh get /cluster/resources --type container --output-format json`);
    expect(res.exitCode).toBe(255);
    expect(res.stderr).toBe("400 Parameter verification failed.\ntype: value 'container' does not have a value in the enumeration 'vm, storage, node, sdn'\n");
  });
});
