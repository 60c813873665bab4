// Recipes from a test catalog (HOMELAB_TUI_CATALOG_DIR): one whose compose file breaks the Compose
// specification is never uploaded and the error names the field; one with a secret gets it through a
// 0600 env file only, never in the compose file, the plan or the operation log.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpGet, labHost } from '../../support/lab.js';
import { CATALOG, cli, existsOnHost, labConfigDir, onHost } from './compose-lab.js';

let configDir = '';
const env = { HOMELAB_TUI_CATALOG_DIR: CATALOG };

beforeAll(async () => {
  configDir = await labConfigDir();
});

// The lab hosts share this machine's /tmp, and another lane's install (on another lab's hosts) makes a
// check folder there for a second or two: a folder left by this install stays, one of theirs goes.
const CHECK_DIRS = 'ls -d /tmp/homelab-tui-check.* 2>/dev/null; true';
async function checkDirs(): Promise<string[]> {
  return (await onHost('docker', CHECK_DIRS)).split('\n').filter(Boolean);
}
async function newCheckDirs(before: string[]): Promise<string[]> {
  let added = (await checkDirs()).filter((d) => !before.includes(d));
  for (let i = 0; i < 20 && added.length > 0; i += 1) {
    await new Promise((r) => setTimeout(r, 500));
    added = (await checkDirs()).filter((d) => added.includes(d));
  }
  return added;
}

describe('a compose file that breaks the specification', () => {
  it('is refused before anything is uploaded, naming the field', async () => {
    const before = await checkDirs();
    const run = await cli(configDir, ['install', 'dupport', '--host', 'docker', '--provider', 'compose', '--yes'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: the compose file generated for dupport breaks the Compose specification at services.dupport.ports: must NOT have duplicate items');
    expect(run.stderr).toContain('hint: nothing was uploaded');
    expect(await existsOnHost('docker', '/opt/homelab-tui/dupport')).toBe(false);
    // Not even the temporary copy preflight gives the host's config command.
    expect(await newCheckDirs(before)).toEqual([]);
  });
});

describe('a secret', () => {
  const port = 18096;

  it('reaches the container through a 0600 env file, and nowhere else', async () => {
    const token = 'Tok-e2e-9f8e7d6c5b4a';
    const plan = await cli(configDir, ['plan', 'labsecret', '--host', 'podman', '--provider', 'compose', '--set', `token=${token}`, '--set', `port=${port}`], env);
    expect(plan.stdout).toContain('APP_TOKEN=••••');
    expect(plan.stdout).not.toContain(token);
    const run = await cli(configDir, ['install', 'labsecret', '--host', 'podman', '--provider', 'compose', '--set', `token=${token}`, '--set', `port=${port}`, '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(token);
    expect((await onHost('podman', 'stat -c %a /opt/homelab-tui/labsecret/app.env')).trim()).toBe('600');
    expect(await onHost('podman', 'cat /opt/homelab-tui/labsecret/app.env')).toBe(`APP_TOKEN=${token}\n`);
    expect(await onHost('podman', 'cat /opt/homelab-tui/labsecret/compose.yaml')).not.toContain(token);
    expect((await onHost('podman', 'podman exec labsecret_app_1 env')).split('\n')).toContain(`APP_TOKEN=${token}`);
    expect(await onHost('podman', 'cat /var/lib/homelab-tui/deployments/labsecret.json')).not.toContain(token);
    expect(await httpGet(`http://${labHost('podman').address}:${port}/health`)).toEqual({ status: 200, body: 'ok' });
    const operations = join(configDir, 'state', 'operations');
    const logs = readdirSync(operations).map((f) => readFileSync(join(operations, f), 'utf8'));
    expect(logs.join('')).toContain('"type":"finished"');
    expect(logs.join('')).not.toContain(token);
  });

  it('uninstall --purge without a terminal needs --yes, then removes the data too', async () => {
    const refused = await cli(configDir, ['uninstall', 'labsecret', '--purge'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--purge deletes the data for good: confirm with --yes');
    expect(await existsOnHost('podman', '/srv/labsecret/data/first-start')).toBe(true);
    const run = await cli(configDir, ['uninstall', 'labsecret', '--purge', '--yes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(await existsOnHost('podman', '/srv/labsecret/data')).toBe(false);
    expect(await existsOnHost('podman', '/opt/homelab-tui/labsecret')).toBe(false);
  });
});
