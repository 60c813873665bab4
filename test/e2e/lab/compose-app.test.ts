// The lab app through docker-compose (v1) on the Docker host and podman-compose on the Podman host:
// it comes up healthy, answers HTTP from the root namespace, and the "bad" build fails its health.
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, labHost, loadLab, sshRun } from '../../support/lab.js';

const lab = loadLab();
const project = `e2e${process.pid}`;
const dir = `/tmp/lab-e2e-${project}`;

function composeFile(image: string): string {
  return [
    'version: "2.4"',
    'services:',
    '  app:',
    `    image: ${image}`,
    '    init: true',
    '    ports: ["8080:8080"]',
    '    volumes: ["appdata:/data"]',
    '    healthcheck:',
    '      test: ["CMD", "wget", "-q", "-O", "-", "http://127.0.0.1:8080/health"]',
    '      interval: 1s',
    '      timeout: 2s',
    '      retries: 2',
    'volumes:',
    '  appdata: {}',
    '',
  ].join('\n');
}

async function writeCompose(host: string, image: string): Promise<void> {
  const res = await sshRun(host, `mkdir -p ${dir}/${host} && cat > ${dir}/${host}/docker-compose.yml`, { input: composeFile(image) });
  expect(res.exitCode).toBe(0);
}

async function ok(host: string, command: string): Promise<string> {
  const res = await sshRun(host, command, { timeoutMs: 120_000 });
  expect(res.exitCode, `${command}\n${res.stderr}`).toBe(0);
  return res.stdout;
}

describe('docker-compose on the Docker host', () => {
  const url = `http://${labHost('docker').address}:8080`;
  afterAll(async () => {
    await sshRun('docker', `cd ${dir}/docker && docker-compose -p ${project} down -v; rm -rf ${dir}/docker`);
  });

  it('runs the lab app healthy, reachable from the root namespace', async () => {
    await writeCompose('docker', lab.docker.images.app.v1);
    await ok('docker', `cd ${dir}/docker && docker-compose -p ${project} up -d`);
    await eventually('docker healthcheck', async () => (await ok('docker', `docker inspect --format '{{.State.Health.Status}}' ${project}_app_1`)).trim() === 'healthy');
    expect(await httpGet(`${url}/health`)).toEqual({ status: 200, body: 'ok' });
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    expect((await ok('docker', `docker exec ${project}_app_1 cat /data/first-start`)).trim()).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('moves to version 2 and keeps the data', async () => {
    const before = await ok('docker', `docker exec ${project}_app_1 cat /data/first-start`);
    await writeCompose('docker', lab.docker.images.app.v2);
    await ok('docker', `cd ${dir}/docker && docker-compose -p ${project} up -d`);
    await eventually('version 2', async () => (await httpGet(`${url}/version`)).body === '2');
    expect(await ok('docker', `docker exec ${project}_app_1 cat /data/first-start`)).toBe(before);
  });

  it('reports the bad build unhealthy with HTTP 500', async () => {
    await writeCompose('docker', lab.docker.images.app.bad);
    await ok('docker', `cd ${dir}/docker && docker-compose -p ${project} up -d`);
    await eventually('the bad build to answer', async () => (await httpGet(`${url}/health`)).status === 500);
    expect(await httpGet(`${url}/health`)).toEqual({ status: 500, body: 'database unreachable' });
    await eventually('docker to call it unhealthy', async () => (await ok('docker', `docker inspect --format '{{.State.Health.Status}}' ${project}_app_1`)).trim() === 'unhealthy');
  });
});

describe('podman-compose on the Podman host', () => {
  const url = `http://${labHost('podman').address}:8080`;
  afterAll(async () => {
    await sshRun('podman', `cd ${dir}/podman && podman-compose -p ${project} down; podman network rm -f ${project}_default; podman volume rm -f ${project}_appdata; rm -rf ${dir}/podman`);
  });

  it('runs the lab app; podman healthcheck run says healthy', async () => {
    await writeCompose('podman', lab.docker.images.app.v1);
    await ok('podman', `cd ${dir}/podman && podman-compose -p ${project} up -d`);
    await eventually('the app to answer', async () => (await httpGet(`${url}/health`)).status === 200);
    expect(await httpGet(`${url}/version`)).toEqual({ status: 200, body: '1' });
    // Podman runs no healthcheck timers without systemd: the test runs it.
    const check = await sshRun('podman', `podman healthcheck run ${project}_app_1`);
    expect(check.exitCode).toBe(0);
    expect((await ok('podman', `podman inspect --format '{{.Config.Image}}' ${project}_app_1`)).trim()).toBe(lab.podman.images.app.v1);
  });

  it('podman healthcheck run fails for the bad build', async () => {
    await ok('podman', `cd ${dir}/podman && podman-compose -p ${project} down`);
    await writeCompose('podman', lab.docker.images.app.bad);
    await ok('podman', `cd ${dir}/podman && podman-compose -p ${project} up -d`);
    await eventually('the bad build to answer', async () => (await httpGet(`${url}/health`)).status === 500);
    const check = await sshRun('podman', `podman healthcheck run ${project}_app_1`);
    expect(check.exitCode).not.toBe(0);
    expect(check.stdout + check.stderr).toContain('unhealthy');
  });
});
