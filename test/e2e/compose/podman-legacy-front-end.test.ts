// Issue 19: on a host whose only Podman compose front end is podman-compose (the lab's Debian 12
// podman host: Podman 4.3 has no `podman compose`), the plan's preflight warns about it; on the docker
// host (docker-compose) it does not. `plan` creates nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, labConfigDir } from './compose-lab.js';

let configDir = '';
beforeAll(async () => {
  configDir = await labConfigDir();
});

describe('the legacy podman-compose front end', () => {
  it('is a warning in the plan on the podman host, naming its version and what to install instead', async () => {
    const run = await cli(configDir, ['plan', 'labapp', '--host', 'podman', '--provider', 'compose', '--name', 'legacy-p1', '--set', 'port=18293']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/only podman-compose 1\.0\.\d+ \(the legacy Python front end\) is on this host, not `podman compose`/);
    expect(run.stdout).toContain('Podman 4.7 or later has `podman compose`');
  }, 60_000);

  it('is not there on the docker host', async () => {
    const run = await cli(configDir, ['plan', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', 'legacy-d1', '--set', 'port=18294']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('podman-compose');
  }, 60_000);
});
