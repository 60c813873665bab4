// The Podman boot action: the drop-in's text, and the script run for real by sh in a private mount
// namespace where /run/systemd/system exists and /etc/systemd is a fresh tmpfs (this machine's is
// untouched), with a stand-in systemctl that logs its calls.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { podmanBootAction, podmanBootDropIn, podmanBootDropInText, podmanBootRemoval } from '../../../../src/providers/compose/podman-boot.js';
import { renderComposeInputs } from '../../../../src/providers/compose/render.js';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { shippedRecipe } from '../../../support/catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'hl-podman-boot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function qbittorrent(...sets: string[]) {
  const recipe = await shippedRecipe('qbittorrent');
  return renderComposeInputs(recipe, requireComplete(resolveAnswers(recipe, 'compose', { sets: ['config_dir=/srv/qb/config', ...sets] })));
}

/** Runs a run-action's argv with systemd present (or not), returning its output, the systemctl calls and the drop-in. */
function runWithSystemd(argv: readonly string[], systemd: boolean): { status: number | null; stdout: string; calls: string; dropIn: string } {
  writeFileSync(join(dir, 'systemctl'), `#!/bin/sh\necho "$*" >> "${dir}/calls.log"\n`);
  chmodSync(join(dir, 'systemctl'), 0o755);
  writeFileSync(join(dir, 'calls.log'), '');
  const file = podmanBootDropIn('qb');
  const setup = `mount -t tmpfs none /etc/systemd && mount -t tmpfs none /run && ${systemd ? 'mkdir -p /run/systemd/system && ' : ''}`;
  const show = `; s=$?; cat "${file}" > "${dir}/dropin" 2>/dev/null; exit $s`;
  const script = `${setup}PATH=${dir}:$PATH "$@"${show}`;
  const res = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', ...argv], { encoding: 'utf8', timeout: 20_000 });
  let dropIn = '';
  try {
    dropIn = readFileSync(join(dir, 'dropin'), 'utf8');
    rmSync(join(dir, 'dropin'));
  } catch {
    dropIn = '';
  }
  return { status: res.status, stdout: res.stdout, calls: readFileSync(join(dir, 'calls.log'), 'utf8'), dropIn };
}

describe('Podman deployments at boot', () => {
  it('the drop-in makes podman-restart.service wait for the mounts of the data and media folders', async () => {
    const text = podmanBootDropInText('qb', await qbittorrent('downloads_dir=/mnt/media/downloads'));
    expect(text).toMatch(/^\[Unit\]$/m);
    expect(text).toMatch(/^RequiresMountsFor=\/srv\/qb\/config \/mnt\/media\/downloads$/m);
    expect(podmanBootDropInText('qb', await qbittorrent('downloads_dir=/mnt/my media'))).toMatch(/^RequiresMountsFor=\/srv\/qb\/config$/m);
  });

  it('with systemd: writes the drop-in, reloads systemd and enables the service', async () => {
    const action = podmanBootAction('qb', await qbittorrent('downloads_dir=/mnt/media/downloads'));
    if (action.kind !== 'run') throw new Error('not a run action');
    const run = runWithSystemd(action.command.argv, true);
    expect(run.status, run.stdout).toBe(0);
    expect(run.calls).toBe('cat podman-restart.service\ndaemon-reload\nenable podman-restart.service\n');
    expect(run.dropIn).toContain('RequiresMountsFor=/srv/qb/config /mnt/media/downloads\n');
  });

  it('without systemd: nothing is written, and the user is told how to start it after a reboot', async () => {
    const action = podmanBootAction('qb', await qbittorrent());
    if (action.kind !== 'run') throw new Error('not a run action');
    const run = runWithSystemd(action.command.argv, false);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('start the deployment after a reboot yourself (podman start --all --filter restart-policy=always)');
    expect(run.calls).toBe('');
    expect(run.dropIn).toBe('');
  });

  it('removal deletes only this project\'s drop-in', () => {
    const removal = podmanBootRemoval('qb');
    expect(removal.kind === 'run' && removal.command.argv.at(-1)).toBe('/etc/systemd/system/podman-restart.service.d/homelab-tui-qb.conf');
  });
});
