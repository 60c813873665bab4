// The wizard in edit mode, driven by keys in tmux: `e` on a deployment opens its settings pre-filled
// with its current answers; a changed port shows as a diff (answers and compose file, old -> new)
// before anything is applied; Enter applies it as a reconfigure, and the app answers on the new port.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import type { TmuxSession } from '../../support/tmux.js';
import { retype } from '../wizard/wizard-lab.js';
import { cli, labConfigDir, selectRow, startApp } from './dashboard-lab.js';

const host = 'docker';
const NAME = 'edit-port';
const address = labHost(host).address;
let configDir = '';
let session: TmuxSession | undefined;

beforeAll(async () => {
  configDir = await labConfigDir([host]);
  await cli(configDir, ['uninstall', NAME, '--host', host, '--yes']);
  const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', NAME, '--set', 'port=8395', '--set', `data_dir=/srv/${NAME}/data`, '--yes', '--reuse-data']);
  expect(run.code, run.stderr).toBe(0);
}, 300_000);

afterEach(async () => {
  await session?.stop();
  session = undefined;
});

afterAll(async () => {
  await cli(configDir, ['uninstall', NAME, '--host', host, '--yes']);
});

describe('edit a deployment from the dashboard', () => {
  it('e opens its settings pre-filled; a new port is shown as a diff, then applied', async () => {
    session = await startApp(configDir, { columns: 120, rows: 40 });
    await session.waitFor(new RegExp(`${NAME} +1/1 up +✓ healthy`), 60_000);
    await selectRow(session, NAME);
    await session.press('e');
    const form = await session.waitFor(new RegExp(`Edit ${NAME} on ${host} · Settings[\\s\\S]*Host port\\s+8395`), 30_000);
    expect(form).toMatch(new RegExp(`Data directory\\s+/srv/${NAME}/data`));
    // What cannot change in place is shown fixed, with why.
    expect(form).toMatch(new RegExp(`Deployment name\\s+${NAME}\\s+\\(fixed: the deployment's name\\)`));
    // The focus starts on the first setting after the name; walk to the port.
    for (let i = 0; i < 5 && !/▸ Host port/.test(await session.screen()); i++) await session.press('Enter');
    await session.waitFor(/▸ Host port/);
    await retype(session, '8395', '8396');
    // Enter walks the rest of the fields, then Continue runs the preflight of the change.
    for (let i = 0; i < 8 && !/Preflight checks/.test(await session.screen()); i++) {
      await session.press('Enter');
      await new Promise((r) => setTimeout(r, 150));
    }
    await session.waitFor(/port 8396\/tcp is free on docker/, 60_000);
    await session.press('Enter');
    const review = await session.waitFor(/The diff and the plan/, 30_000);
    expect(review).toContain('port (Host port): 8395 -> 8396');
    expect(review).toMatch(/- +- "8395:8080\/tcp"/);
    expect(review).toMatch(/\+ +- "8396:8080\/tcp"/);
    // The footer says what Enter does here: it applies the change, it installs nothing.
    expect(review).toContain('enter apply the change');
    expect(review).not.toContain('enter install');
    // Nothing is applied before Enter on the review.
    expect(await httpGet(`http://${address}:8395/health`)).toEqual({ status: 200, body: 'ok' });
    await session.press('Enter');
    const done = await session.waitFor(new RegExp(`✓ ${NAME} is reconfigured on ${host} and healthy \\(applied in [\\d.]+ s\\)`), 120_000);
    // The seconds the app may not have answered (recreated until healthy) are measured and shown.
    expect(Number(/Interruption: at most ([\d.]+) s \(recreated until healthy again\)/.exec(done)?.[1])).toBeGreaterThan(0);
    expect(await httpGet(`http://${address}:8396/health`)).toEqual({ status: 200, body: 'ok' });
    const record = await cli(configDir, ['status', '--host', host, '--json']);
    expect(JSON.parse(record.stdout).deployments).toContainEqual(expect.objectContaining({ name: NAME, health: 'healthy' }));
  });
});
