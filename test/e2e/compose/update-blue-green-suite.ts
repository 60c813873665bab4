// Issue 14: a blue-green update where the recipe declares it (test recipe bluegreen-catalog/labbg.yaml)
// and the deployment is served by the managed Caddy (tls: internal) on a compose host: the suite, run on
// the Docker host (update-blue-green.test.ts) and the Podman host (update-blue-green-podman.test.ts). While the
// update runs, a client asks https://DOMAIN/version every 100 ms through Caddy: 1 -> 2 switches from 1 to
// 2 with every request answered, and the deployment ends as an in-place update leaves it (its own
// project on its own port, Caddy sending there, the copy gone); 1 -> bad fails its gate beside 1, is
// stopped, and 1 never stopped answering; a process killed once the site points at the copy leaves the
// journal, and undo stops the copy and points the site back at the deployment, which answers as before.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, httpGet, labHost } from '../../support/lab.js';
import { startLabCli } from '../../support/lab-cli.js';
import { askedWhile, askViaCaddy, getViaCaddy, isMiss } from '../../support/via-caddy.js';
import { cli, engineOf, labConfigDir, onHost, projectContainers } from './compose-lab.js';

const CADDY_DIR = '/var/lib/homelab-tui/proxy/caddy';
const env = { HOMELAB_TUI_CATALOG_DIR: fileURLToPath(new URL('./bluegreen-catalog', import.meta.url)) };

/** The suite on `HOST`, with deployment `NAME` on `PORT` served as `DOMAIN`. */
export function blueGreenSuite(HOST: 'docker' | 'podman', NAME: string, PORT: number, DOMAIN: string): void {
  const address = labHost(HOST).address;
  let configDir = '';
  let root = '';

  /** GET through the host's Caddy: the answer's body, or undefined when it did not answer 200 within a second. */
  const viaCaddy = (path: string) => getViaCaddy({ address, domain: DOMAIN, ca: root }, path);

  /** Runs an update while asking /version through Caddy every 100 ms; what each answer was, in order ("✗ why": none within 5 s). */
  const updateWatched = (args: string[]) => askedWhile(() => askViaCaddy({ address, domain: DOMAIN, ca: root }, '/version'), () => cli(configDir, args, env));

  const siteUpstream = async () => (await onHost(HOST, `cat ${CADDY_DIR}/sites/${NAME}.caddy`)).match(/reverse_proxy (\S+)/)?.[1];

  beforeAll(async () => {
    configDir = await labConfigDir('compose:\n  healthTimeoutSeconds: 8\n  proxy:\n    kind: caddy\n    caddy:\n      tls: internal\n');
    await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
    await onHost(HOST, `rm -rf /srv/${NAME} /var/lib/homelab-tui/backups/${NAME}`);
    const run = await cli(configDir, ['install', 'labbg', '--host', HOST, '--provider', 'compose', '--name', NAME, '--set', `port=${PORT}`, '--set', `domain=${DOMAIN}`, '--set', 'version=1', '--yes'], env);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    root = await onHost(HOST, `cat ${CADDY_DIR}/data/pki/authorities/local/root.crt`);
    let answer: string | undefined;
    for (let end = Date.now() + 20_000; Date.now() < end && answer !== '1'; await new Promise((r) => setTimeout(r, 300))) answer = await viaCaddy('/version');
    expect(answer, 'version 1 through Caddy').toBe('1');
    return async () => {
      await cli(configDir, ['uninstall', NAME, '--host', HOST, '--purge', '--yes'], env);
      await onHost(HOST, `caddy stop >/dev/null 2>&1 || true; rm -rf ${CADDY_DIR} /srv/${NAME} /var/lib/homelab-tui/backups/${NAME}`);
    };
  });

  describe(`a blue-green update behind the managed Caddy on the ${HOST} host`, () => {
    it('1 -> bad: the new version fails its gate beside 1 and is stopped; 1 answered all along (exit 1)', async () => {
      const run = await updateWatched(['update', NAME, '--to', 'bad', '--yes', '--json']);
      expect(run.code, run.stderr).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'rolled-back', from: '1', to: 'bad', failure: { step: expect.stringContaining('beside 1') } });
      expect(run.stderr).toContain(`${NAME}-hl-green`);
      expect(run.answers.length).toBeGreaterThan(20);
      expect(run.answers.filter((a) => a !== '1')).toEqual([]);
      expect(await projectContainers(HOST, `${NAME}-hl-green`)).toEqual([]);
      expect(await siteUpstream()).toBe(`127.0.0.1:${PORT}`);
      expect(await httpGet(`http://${address}:${PORT}/version`)).toEqual({ status: 200, body: '1' });
    });

    it('1 -> 2: Caddy moves to 2 beside 1, every request is answered, and the deployment ends on its own port (exit 0)', async () => {
      await onHost(HOST, `echo precious > /srv/${NAME}/data/mine.txt`);
      const run = await updateWatched(['update', NAME, '--yes', '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', from: '1', to: '2' });
      expect(run.stderr).toContain('Switch the site to labbg 2');
      // Every request was answered (within 5 s, the bound on a gap): 1 until the switch, 2 after it.
      expect(run.answers.filter(isMiss)).toEqual([]);
      const firstTwo = run.answers.indexOf('2');
      expect(firstTwo).toBeGreaterThan(0);
      expect(run.answers.slice(firstTwo).filter((a) => a !== '2')).toEqual([]);
      expect(await viaCaddy('/version')).toBe('2');
      expect(await siteUpstream()).toBe(`127.0.0.1:${PORT}`);
      expect(await httpGet(`http://${address}:${PORT}/version`)).toEqual({ status: 200, body: '2' });
      expect(await projectContainers(HOST, `${NAME}-hl-green`)).toEqual([]);
      expect(await onHost(HOST, `test -e /opt/homelab-tui/${NAME}/compose.green.yaml || echo gone`)).toBe('gone\n');
      expect(await onHost(HOST, `${engineOf(HOST)} ps --filter label=com.docker.compose.project=${NAME} --format '{{.Image}}'`)).toMatch(/^(localhost\/)?local\/labapp:2\n$/);
      expect(await onHost(HOST, `cat /srv/${NAME}/data/mine.txt`)).toBe('precious\n');
    });

    it('killed once the site points at the copy: undo stops the copy and points the site back at the deployment', async () => {
      const run = startLabCli(configDir, ['update', NAME, '--to', '1', '--allow-downgrade', '--yes', '--json'], env);
      // Caddy answers with the copy (1) once the switch reloaded it.
      await eventually('the site to answer from the copy', async () => (await viaCaddy('/version')) === '1', 90_000);
      run.child.kill('SIGKILL');
      await run.exited;
      expect(await siteUpstream()).not.toBe(`127.0.0.1:${PORT}`);
      const undo = await cli(configDir, ['undo', NAME, '--host', HOST, '--yes'], env);
      expect(undo.code, `${undo.stdout}\n${undo.stderr}\n${run.errors()}`).toBe(0);
      expect(await siteUpstream()).toBe(`127.0.0.1:${PORT}`);
      expect(await projectContainers(HOST, `${NAME}-hl-green`)).toEqual([]);
      expect(await onHost(HOST, `test -e /opt/homelab-tui/${NAME}/compose.green.yaml || echo gone`)).toBe('gone\n');
      expect(await viaCaddy('/version')).toBe('2');
      expect(await httpGet(`http://${address}:${PORT}/version`)).toEqual({ status: 200, body: '2' });
      const record = JSON.parse(await onHost(HOST, `cat /var/lib/homelab-tui/deployments/${NAME}.json`)) as { version: string; operation?: unknown };
      expect(record).toMatchObject({ version: '2' });
      expect(record.operation).toBeUndefined();
    });
  });
}
