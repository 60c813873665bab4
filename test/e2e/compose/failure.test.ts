// A failure mid-install: the "bad" build answers its health check with HTTP 500, so the wait for
// healthy containers fails and the install undoes what it created, the data directory it made too.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, existsOnHost, labConfigDir, onHost, projectContainers } from './compose-lab.js';

let configDir = '';
beforeAll(async () => {
  // A short wait: the bad build never becomes healthy.
  configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 8\n');
});

describe.each(['docker', 'podman'])('a failing install on %s', (host) => {
  const name = `bad-${host}`;
  const dataDir = `/srv/${name}/data`;

  it('is undone: no containers, project directory, record or data directory it created remain', async () => {
    await onHost(host, `rm -rf /srv/${name}`);
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', name, '--set', 'version=bad', '--set', 'port=18092', '--set', `data_dir=${dataDir}`, '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/✗ Wait for the containers to be healthy: labapp is (still starting|unhealthy).*\(still failing after 8 s\)/);
    expect(run.stderr).toContain('↶ undo: Start the containers');
    expect(run.stderr).toContain('↶ undo: Write the compose project');
    expect(run.stdout).toMatch(/^install of bad-\w+ on \w+ undone: /);
    expect(await projectContainers(host, name)).toEqual([]);
    expect(await existsOnHost(host, `/opt/homelab-tui/${name}`)).toBe(false);
    expect(await existsOnHost(host, `/var/lib/homelab-tui/deployments/${name}.json`)).toBe(false);
    expect(await existsOnHost(host, `/var/lib/homelab-tui/locks/${name}.lock`)).toBe(false);
    expect(run.stderr).toContain('↶ undo: Create the data directories');
    expect(await existsOnHost(host, `/srv/${name}`)).toBe(false);
  });

  it('with --keep-on-failure leaves everything for debugging', async () => {
    const kept = `${name}-kept`;
    const run = await cli(configDir, ['install', 'labapp', '--host', host, '--provider', 'compose', '--name', kept, '--set', 'version=bad', '--set', 'port=18093', '--set', `data_dir=/srv/${kept}`, '--yes', '--reuse-data', '--keep-on-failure']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^install of .* on \w+ kept: /);
    expect(await projectContainers(host, kept)).toHaveLength(1);
    expect(await existsOnHost(host, `/opt/homelab-tui/${kept}/compose.yaml`)).toBe(true);
    // Kept for debugging: the record holds the journal, so status lists it and uninstall removes it.
    const listed = JSON.parse((await cli(configDir, ['status', '--host', host, '--json'])).stdout) as { deployments: Array<{ name: string; health: string }> };
    expect(listed.deployments.find((d) => d.name === kept)?.health).toBe('interrupted');
    const gone = await cli(configDir, ['uninstall', kept, '--host', host, '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(await existsOnHost(host, `/opt/homelab-tui/${kept}`)).toBe(false);
    expect(await existsOnHost(host, `/var/lib/homelab-tui/deployments/${kept}.json`)).toBe(false);
    expect(await projectContainers(host, kept)).toEqual([]);
  });
});
