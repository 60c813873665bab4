import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envFileText, initScriptText, systemdUnitText } from '../../../../src/providers/proxmox-lxc/boot-service.js';

const value = fc.string({ unit: fc.constantFrom(..."aZ9 '\"$`\\;|&*?#=%:/".split('')), maxLength: 30 });

describe('boot service files', () => {
  it('the env file gives sh back every value exactly (sh and systemd read the same quoting)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-env-'));
    fc.assert(
      fc.property(value, (secret) => {
        const file = join(dir, 'app.env');
        writeFileSync(file, envFileText({ APP_SECRET: secret, APP_PORT: '8080' }));
        const out = execFileSync('sh', ['-c', 'set -a; . "$1"; printf %s "$APP_SECRET"', 'sh', file], { encoding: 'utf8' });
        expect(out).toBe(secret);
      }),
      { numRuns: 60 },
    );
  });

  it('a systemd unit runs the command with $ and % escaped and loads the env file', () => {
    const unit = systemdUnitText({ name: 'demo', command: ['/opt/demo', '--name=a b', '$HOME', '50%'], user: 'demo', workingDir: '/var/lib/demo', envFile: '/etc/homelab-tui/demo.env' });
    expect(unit).toContain('ExecStart="/opt/demo" "--name=a b" "$$HOME" "50%%"\n');
    expect(unit).toContain('User=demo\nWorkingDirectory=/var/lib/demo\nEnvironmentFile=-/etc/homelab-tui/demo.env\n');
    expect(unit).toContain('[Install]\nWantedBy=multi-user.target\n');
  });

  it('an init script that sh can parse, quoting each argument', () => {
    const script = initScriptText({ name: 'demo', command: ['/opt/demo', "it's", '--x=$(reboot)'], user: 'demo', workingDir: '/srv/my app', envFile: '/etc/homelab-tui/demo.env' });
    execFileSync('sh', ['-n'], { input: script });
    expect(script).toContain(`-c demo -x /bin/sh -- -c 'exec "$@" >> /var/log/demo.log 2>&1' demo /opt/demo 'it'\\''s' '--x=$(reboot)'`);
    expect(script).toContain('touch "$LOGFILE"\n  chown demo "$LOGFILE"\n');
    expect(script).toContain("cd '/srv/my app' || exit 1");
    expect(script).toContain('# Provides:          demo');
  });
});
