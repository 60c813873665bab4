// A deployment record whose refs break the compose provider's schema (a hand-edited file, another
// tool's record): status names the deployment and the field (never the value), the other deployments
// still read, and an action on it is refused with the same words (exit 2), over the real SSH transport.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, labConfigDir, onHost } from './compose-lab.js';

const name = 'badrefs-docker';
const file = `/var/lib/homelab-tui/deployments/${name}.json`;
let configDir = '';

beforeAll(async () => {
  configDir = await labConfigDir();
  const record = {
    schema: 2,
    name,
    app: 'labapp',
    version: '1',
    provider: 'compose',
    host: 'docker',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    answers: {},
    refs: { project: name, dir: `/opt/homelab-tui/${name}`, file: `/opt/homelab-tui/${name}/compose.yaml`, services: 'labapp', flavour: 'podman-compose', engine: 'VALUE-FROM-THE-FILE' },
  };
  await onHost('docker', `mkdir -p /var/lib/homelab-tui/deployments && cat > ${file} <<'JSON'\n${JSON.stringify(record)}\nJSON`);
});

afterAll(async () => {
  await onHost('docker', `rm -f ${file}`);
});

describe('a record with bad refs', () => {
  it('status reads it as unknown, naming the deployment and the field, without the value', async () => {
    const run = await cli(configDir, ['status', '--host', 'docker', '--json']);
    const { deployments } = JSON.parse(run.stdout) as { deployments: { name: string; health: string; reason?: string; hint?: string }[] };
    const bad = deployments.find((d) => d.name === name);
    expect(bad).toMatchObject({ health: 'unknown', reason: expect.stringMatching(new RegExp(`^the record of "${name}" has a bad refs\\.engine: `)), hint: expect.stringContaining(`${file} on docker`) });
    expect(run.stdout).not.toContain('VALUE-FROM-THE-FILE');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('restart is refused with the same words and exit 2, no stack trace', async () => {
    const run = await cli(configDir, ['restart', name, '--host', 'docker', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the record of "${name}" has a bad refs.engine`);
    expect(run.stderr).not.toContain('VALUE-FROM-THE-FILE');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
