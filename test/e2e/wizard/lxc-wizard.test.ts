// The install wizard end to end in an 80×24 tmux terminal, driven only by keystrokes: a first run adds
// the lab's Proxmox-like host inline, and the lab app is installed in an LXC container (pct/pvesh
// SIMULATORS over real LXC) with a static address typed in the wizard and the lab's storage chosen
// under Advanced. It ends healthy (HTTP from the root namespace) and listed on the dashboard; every
// pct/pvesh call the wizard made passes the PVE 9 and 8 schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { containersOf, guestAddress, nodeCallLog, nodeCallsSince, removeTestDeployments } from '../../support/lxc-lab.js';
import { contractViolations, pveCalls } from '../../support/pve-contract.js';
import { choose, expectFits, lab, openAddHost, press, retype, startWizard } from './wizard-lab.js';

const NAME = 'wiz-lxc';
const address = guestAddress(lab, 70);
const since = nodeCallLog(lab).size;
let app: Awaited<ReturnType<typeof startWizard>> | undefined;

beforeAll(async () => {
  await removeTestDeployments(lab, NAME);
});

afterAll(async () => {
  await app?.cleanup();
  await removeTestDeployments(lab, NAME);
  // Last, so a violation fails the file after the cleanup has run.
  const calls = pveCalls(nodeCallsSince(lab, since));
  expect(calls.filter((c) => c[0] === 'pct').length).toBeGreaterThan(3);
  expect(contractViolations(calls)).toEqual([]);
});

describe('the install wizard in a real terminal: labapp in an LXC container on the lab’s Proxmox-like host', () => {
  it('installs from the first run to a healthy container on the dashboard, by keystrokes only', async () => {
    app = await startWizard({ settings: 'proxmoxLxc:\n  healthTimeoutSeconds: 30\n' });
    const s = app.session;
    await s.waitFor('Which app do you want to install?');
    await choose(s, 'Lab app');
    await press(s, ['Enter'], 'Step 2/7');
    await openAddHost(s);
    await s.type('pve');
    await s.waitFor(/▸ Name\s+pve/);
    await press(s, ['Enter'], /▸ Address/);
    await s.type(labHost('pve').alias);
    await s.waitFor(new RegExp(`▸ Address\\s+${labHost('pve').alias}`));
    await press(s, ['Enter'], /▸ User/);
    await press(s, ['Enter'], /▸ Port/);
    await press(s, ['Enter'], /▸ pve\s+\S+\n\s+✓ .*Proxmox VE/, 30_000);

    await press(s, ['Enter'], 'Step 3/7 · Choose how to run it');
    await choose(s, 'Proxmox LXC container');
    const providers = await s.screen();
    expect(providers).toMatch(/▸ Proxmox LXC container \(proxmox-lxc\)\n\s+uses Proxmox VE \d/);

    const questions = await press(s, ['Enter'], /Step 4\/7 · Settings[\s\S]*▸ Deployment name\s+labapp/);
    expectFits(questions);
    expect(questions).toContain('Lab app › pve › proxmox-lxc');
    expect(questions).toMatch(/CPU cores\s+1\s+the host has \d+ cores?/);
    expect(questions).toMatch(/Memory\s+64M\s+[\d.]+ (GiB|MiB) free of [\d.]+ GiB/);
    await retype(s, 'labapp', NAME);
    // The container's host name follows the deployment name.
    await s.waitFor(new RegExp(`Container host name\\s+${NAME}`));
    await choose(s, 'IPv4 address');
    await retype(s, 'dhcp', `${address}/24`);
    // A static address asks for its gateway, right under it.
    await press(s, ['Enter'], /▸ IPv4 gateway/);
    await s.type(lab.pve.gateway);
    await s.waitFor(new RegExp(`▸ IPv4 gateway\\s+${lab.pve.gateway.replace(/\./g, '\\.')}`));
    // The lab's storage is not Proxmox's default one: it is an advanced setting.
    await choose(s, '+ Show');
    await press(s, ['Enter'], '− Hide the advanced settings');
    await choose(s, 'Proxmox storage');
    await retype(s, 'local-lvm', lab.pve.storage.id);
    await choose(s, '[ Continue to preflight ]');

    const preflight = await press(s, ['Enter'], /Step 5\/7[\s\S]*(All checks passed|Enter accepts (it|them))/, 60_000);
    expectFits(preflight);
    expect(preflight).not.toContain('✗');
    const review = await press(s, ['Enter'], 'Step 6/7 · Review the plan');
    expect(review).toContain(`Plan: install labapp as "${NAME}" on pve with proxmox-lxc`);

    await press(s, ['Enter'], /\[\d\/\d\] +\d+%/);
    const done = await s.waitFor(`✓ ${NAME} is installed on pve and healthy.`, 180_000);
    expectFits(done);
    const url = `http://${address}:8080/`;
    expect(done).toContain(`Open it: ${url}`);
    expect(done.replace(/ \\\n\s*/g, ' ')).toContain(`homelab-tui --config-dir ${app.configDir} --ssh-config ${lab.ssh.config} install labapp --host pve --provider proxmox-lxc --name ${NAME}`);
    expect(await httpGet(`${url}health`)).toEqual({ status: 200, body: 'ok' });
    expect(await containersOf(lab, NAME)).toHaveLength(1);

    const dashboard = await press(s, ['Enter'], new RegExp(`pve ${labHost('pve').alias} · ● connected[\\s\\S]*${NAME} +1/1 up +✓ healthy`));
    expectFits(dashboard);
    await s.press('q');
    await s.waitFor(/^\$\s*$/m);
  });
});
