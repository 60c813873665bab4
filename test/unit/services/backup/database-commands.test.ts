import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { dumpCommand, loadCommand, readyCommand, sqliteBackupCommand, tarFolderCommand, withPassword } from '../../../../src/services/backup/database-commands.js';

const pg = { kind: 'postgres' as const, host: 'db', port: 5432, database: 'app', user: 'u', password: 's3cret' };
const my = { kind: 'mysql' as const, host: '10.0.0.5', port: 3306, database: 'app', user: 'u', password: 's3cret' };

describe('database dump commands', () => {
  it('pg_dump on the host reads the password from the first line of stdin, never from a command line or a variable given with it', () => {
    const command = dumpCommand(pg, []);
    expect(command.argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(command.argv.slice(3)).toEqual(['with-password', 'PGPASSWORD', 'pg_dump', '-h', 'db', '-p', '5432', '-U', 'u', '--clean', '--if-exists', '--no-owner', '--no-privileges', 'app']);
    expect(command.stdin).toBe('s3cret\n');
    expect(command.env).toBeUndefined();
    expect(command.argv.join(' ')).not.toContain('s3cret');
  });

  it('run by sh, the password reaches the tool in its variable and the rest of stdin is the tool\'s', () => {
    // A stand-in tool: prints the variable it got and what it reads after the password line.
    const tool = { argv: ['sh', '-c', 'printf "%s|" "$PGPASSWORD"; cat'], passwordEnv: 'PGPASSWORD', password: 'pw with spaces' };
    const command = withPassword(tool);
    const run = spawnSync(command.argv[0]!, command.argv.slice(1), { input: `${command.stdin as string}-- the dump\n`, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(run.stdout).toBe('pw with spaces|-- the dump\n');
  });

  it('in a container the engine passes the variable by name (-e PGPASSWORD) from its own environment', () => {
    const command = dumpCommand(pg, ['docker', 'exec', '-i', 'abc123']);
    expect(command.argv.slice(3, 12)).toEqual(['with-password', 'PGPASSWORD', 'docker', 'exec', '-i', '-e', 'PGPASSWORD', 'abc123', 'pg_dump']);
    expect(command.stdin).toBe('s3cret\n');
  });

  it('mysqldump runs in one transaction (consistent for InnoDB) and prefers mariadb-dump where it exists; load uses the client', () => {
    const dump = dumpCommand(my, []);
    expect(dump.argv.slice(4, 11)).toEqual(['MYSQL_PWD', 'sh', '-c', expect.any(String), 'sh', 'mariadb-dump', 'mysqldump']);
    expect(dump.argv).toContain('--single-transaction');
    expect(dump.stdin).toBe('s3cret\n');
    expect(loadCommand(my, []).argv.slice(8, 11)).toEqual(['sh', 'mariadb', 'mysql']);
    expect(loadCommand(pg, []).argv).toContain('ON_ERROR_STOP=1');
    expect(readyCommand(pg, []).argv.slice(-2)).toEqual(['-Atc', 'SELECT 1']);
    expect(readyCommand(pg, []).stdin).toBe('s3cret\n');
  });

  it('sqlite3 .backup quotes the copy path; a folder tar leaves out the excluded files', () => {
    expect(sqliteBackupCommand('/d/app.db', "/d/it's.sqlite").argv).toEqual(['sqlite3', '/d/app.db', ".backup '/d/it''s.sqlite'"]);
    expect(tarFolderCommand('/d', ['app.db', 'app.db-wal']).argv).toEqual(['tar', '-C', '/d', '--numeric-owner', '--exclude=./app.db', '--exclude=./app.db-wal', '-cf', '-', '.']);
  });
});
