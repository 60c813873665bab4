import { describe, expect, it } from 'vitest';
import { installCommandLine } from '../../../../src/services/wizard/cli-command.js';
import { existingDatabase, testDatabase } from '../../../../src/services/wizard/database-check.js';
import { checkNameResolvesTo, ipv4sIn, publicNameOf } from '../../../../src/services/wizard/domain-check.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeRunner } from '../../../support/fake-runner.js';

const pg = { db_type: 'postgres', db_mode: 'existing', db_host: '10.0.0.4', db_port: 5432, db_name: 'labdb', db_user: 'lab', db_password: 'pw' };
const TCP = ['sh', '-c', expect.any(String), 'sh', '10.0.0.4', '5432', '5'];

describe('existing database check', () => {
  it('finds the server the db_* answers name, and nothing for SQLite or an embedded one', () => {
    expect(existingDatabase(pg)).toEqual({ kind: 'postgres', host: '10.0.0.4', port: 5432, database: 'labdb', user: 'lab', password: 'pw' });
    expect(existingDatabase({ db_type: 'sqlite' })).toBeUndefined();
    expect(existingDatabase({ ...pg, db_mode: 'embedded' })).toBeUndefined();
  });

  it('proves the port, then logs in with psql from the host, the password on stdin only', async () => {
    const runner = new FakeRunner('docker');
    runner.run = async (command) => {
      runner.calls.push(command);
      return { exitCode: 0, stdout: command.argv.includes('psql') || String(command.argv[2]).includes('psql') ? '1\n' : '', stderr: '' };
    };
    const result = await testDatabase(runner, existingDatabase(pg)!, { clock: new FakeClock() });
    expect(result).toEqual({ ok: true, message: 'logged in to 10.0.0.4:5432 as lab (database labdb) from docker' });
    expect(runner.calls[0]?.argv).toEqual(TCP);
    expect(runner.calls[1]).toMatchObject({ argv: ['sh', '-c', expect.stringContaining('psql'), 'sh', '10.0.0.4', '5432', 'lab', 'labdb'], stdin: 'pw\n' });
    expect(runner.calls[1]?.argv.join(' ')).not.toContain('pw');
  });

  it('fails with the server’s words when the login is refused, and with the reason when the port is closed', async () => {
    const refused = new FakeRunner('docker');
    let call = 0;
    refused.run = async () => (call++ === 0 ? { exitCode: 0, stdout: '', stderr: '' } : { exitCode: 2, stdout: '', stderr: 'psql: error: FATAL:  password authentication failed for user "lab"\n' });
    expect(await testDatabase(refused, existingDatabase(pg)!, { clock: new FakeClock() })).toMatchObject({ ok: false, message: 'docker reached 10.0.0.4:5432 but could not log in: psql: error: FATAL:  password authentication failed for user "lab"' });
    const closed = new FakeRunner('docker');
    closed.run = async () => ({ exitCode: 1, stdout: '', stderr: '' });
    expect(await testDatabase(closed, existingDatabase(pg)!, { clock: new FakeClock() })).toMatchObject({ ok: false, message: 'docker cannot reach 10.0.0.4:5432: nothing accepts connections on 10.0.0.4:5432' });
  });

  it('says so when the host has no client to log in with', async () => {
    const runner = new FakeRunner('docker');
    let call = 0;
    runner.run = async () => (call++ === 0 ? { exitCode: 0, stdout: '', stderr: '' } : { exitCode: 127, stdout: '', stderr: '' });
    expect(await testDatabase(runner, existingDatabase({ ...pg, db_type: 'mysql', db_port: 3306 })!, { clock: new FakeClock() })).toEqual({
      ok: true,
      message: '10.0.0.4:3306 answers from docker; the login was not tried (no the MySQL client on docker)',
    });
  });
});

describe('public names', () => {
  it('takes the name of a domain answer or a URL answer, not an IP address', () => {
    expect(publicNameOf('domain', 'tasks.example.org')).toBe('tasks.example.org');
    expect(publicNameOf('url', 'https://tasks.example.org/app')).toBe('tasks.example.org');
    expect(publicNameOf('url', 'http://10.0.0.2:3456/')).toBeUndefined();
    expect(publicNameOf('path', '/srv')).toBeUndefined();
  });

  it('reads the host’s addresses from ip or hostname -I, without broadcast or loopback', () => {
    expect(ipv4sIn('2: eth0    inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0\n1: lo    inet 127.0.0.1/8 scope host lo')).toEqual(['10.0.0.2']);
    expect(ipv4sIn('10.0.0.2 172.17.0.1 \n')).toEqual(['10.0.0.2', '172.17.0.1']);
  });

  it('warns when the name resolves elsewhere or not at all, and is quiet when it resolves to the host', async () => {
    const runner = new FakeRunner('docker');
    runner.run = async () => ({ exitCode: 0, stdout: '10.0.0.2 \n', stderr: '' });
    const table: Record<string, string[]> = { 'good.example.org': ['10.0.0.2'], 'far.example.org': ['203.0.113.7'] };
    const resolve = async (name: string) => table[name] ?? [];
    const host = { runner, address: '10.0.0.2' };
    expect(await checkNameResolvesTo('good.example.org', host, resolve)).toBeUndefined();
    expect(await checkNameResolvesTo('far.example.org', host, resolve)).toMatch(/^far\.example\.org resolves to 203\.0\.113\.7, not to docker \(10\.0\.0\.2\)/);
    expect(await checkNameResolvesTo('none.example.org', host, resolve)).toBe('none.example.org does not resolve yet: add a DNS record pointing at docker (10.0.0.2)');
  });
});

describe('installCommandLine', () => {
  it('repeats the install with --set for each non-default answer, quoted for a shell', () => {
    expect(installCommandLine({ app: 'labapp', host: 'docker', provider: 'compose', name: 'lab-two', values: { port: '18080', data_dir: '/srv/my data' } }, 'labapp')).toBe(
      "homelab-tui install labapp --host docker --provider compose --name lab-two --set 'port=18080' --set 'data_dir=/srv/my data' --yes",
    );
  });

  it("carries the app's own --config-dir and --ssh-config, so the command reads the same files", () => {
    const line = installCommandLine({ app: 'labapp', host: 'docker', provider: 'compose', name: 'labapp', values: {} }, 'labapp', ['--config-dir', '/home/me/lab conf', '--ssh-config', '/home/me/lab.ssh']);
    expect(line).toBe("homelab-tui --config-dir '/home/me/lab conf' --ssh-config /home/me/lab.ssh install labapp --host docker --provider compose --yes");
  });
});
