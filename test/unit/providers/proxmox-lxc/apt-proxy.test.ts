// The apt proxy of LXC guests: the setting and the per-install answer (which wins), the step that
// writes apt's config in the guest, and the preflight item from the node's curl, with and without a
// proxy; the scripts pass shellcheck.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { proxmoxLxcSettingsSchema } from '../../../../src/platform/config/proxmox-lxc-settings.js';
import { APT_PROXY_CONF, APT_PROXY_SCRIPT, aptProxyOf, aptProxyStep, checkPackageMirror, mirrorProbeCommand } from '../../../../src/providers/proxmox-lxc/apt-proxy.js';
import { shippedLxcInputs } from '../../../support/catalog.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const PROXY = 'http://10.0.0.2:3142';

function shellcheck(script: string): string {
  try {
    execFileSync('shellcheck', ['-s', 'sh', '-f', 'gcc', '-'], { input: script, encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('apt proxy', () => {
  it('settings take an http URL and name what is valid otherwise', () => {
    expect(proxmoxLxcSettingsSchema.parse({ aptProxy: PROXY }).aptProxy).toBe(PROXY);
    const bad = proxmoxLxcSettingsSchema.safeParse({ aptProxy: 'ftp://10.0.0.2' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('an http URL of an apt proxy such as http://192.168.1.5:3142');
  });

  it('the lxc_apt_proxy answer wins over the setting; without either there is none', async () => {
    const answered = await shippedLxcInputs('qbittorrent', 'lxc_apt_proxy=http://cache.lan:3142');
    expect(aptProxyOf(answered, PROXY)).toBe('http://cache.lan:3142');
    const plain = await shippedLxcInputs('qbittorrent');
    expect(plain.aptProxy).toBeUndefined();
    expect(aptProxyOf(plain, PROXY)).toBe(PROXY);
    expect(aptProxyOf(plain, undefined)).toBeUndefined();
  });

  it('the step writes apt.conf.d through pct exec with the URL as an argument, never in the script', () => {
    const step = aptProxyStep(120, PROXY);
    expect(step.actions[0]).toMatchObject({ kind: 'run', command: { argv: ['pct', 'exec', '120', '--', 'sh', '-c', APT_PROXY_SCRIPT, 'sh', PROXY] } });
    expect(APT_PROXY_SCRIPT).toContain(APT_PROXY_CONF);
    expect(APT_PROXY_SCRIPT).not.toContain(PROXY);
    expect(shellcheck(APT_PROXY_SCRIPT)).toBe('');
  });

  it("qBittorrent's firstLogin script passes shellcheck", async () => {
    const inputs = await shippedLxcInputs('qbittorrent');
    expect(inputs.firstLogin).toContain('adminadmin');
    expect(inputs.package).toBe('qbittorrent-nox');
    expect(shellcheck(inputs.firstLogin as string)).toBe('');
  });

  it('preflight: the proxy answers for Debian → ok; it does not → fail naming the proxy', async () => {
    const inputs = await shippedLxcInputs('qbittorrent');
    const ok = new FakeRunner().expect({ argv: mirrorProbeCommand(PROXY), result: { exitCode: 0, stdout: '200' } });
    expect(await checkPackageMirror(ok, 'pve1', inputs, PROXY)).toMatchObject({ status: 'ok', detail: `the apt proxy ${PROXY} answers and reaches deb.debian.org (from pve1)` });
    const down = new FakeRunner().expect({ argv: mirrorProbeCommand(PROXY), result: { exitCode: 7, stderr: 'curl: (7) Failed to connect to 10.0.0.2 port 3142: Connection refused\n' } });
    expect(await checkPackageMirror(down, 'pve1', inputs, PROXY)).toMatchObject({
      status: 'fail',
      detail: `the apt proxy ${PROXY} does not answer for deb.debian.org from pve1 (curl: (7) Failed to connect to 10.0.0.2 port 3142: Connection refused)`,
    });
  });

  it('preflight without a proxy: an unreachable mirror says plainly that the guest cannot reach one', async () => {
    const inputs = await shippedLxcInputs('qbittorrent');
    const runner = new FakeRunner().expect({ argv: mirrorProbeCommand(undefined), result: { exitCode: 6, stderr: 'curl: (6) Could not resolve host: deb.debian.org\n' } });
    const item = await checkPackageMirror(runner, 'pve1', inputs, undefined);
    expect(item?.status).toBe('fail');
    expect(item?.detail).toBe('the guest cannot reach a package mirror: deb.debian.org does not answer from pve1 (curl: (6) Could not resolve host: deb.debian.org), and no apt proxy is set');
    expect(item?.hint).toContain('proxmoxLxc.aptProxy');
  });

  it('recipes that download nothing are not checked', async () => {
    const inputs = await shippedLxcInputs('labapp');
    expect(await checkPackageMirror(new FakeRunner(), 'pve1', inputs, undefined)).toBeUndefined();
  });
});
