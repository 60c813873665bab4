import { describe, expect, it } from 'vitest';
import { dumpCommand, loadCommand, sqliteBackupCommand, tarFolderCommand } from '../../../../src/services/backup/database-commands.js';

const pg = { kind: 'postgres' as const, host: 'db', port: 5432, database: 'app', user: 'u', password: 's3cret' };
const my = { kind: 'mysql' as const, host: '10.0.0.5', port: 3306, database: 'app', user: 'u', password: 's3cret' };

describe('database dump commands', () => {
  it('pg_dump on the host takes the password from its environment, never the command line', () => {
    const command = dumpCommand(pg, []);
    expect(command.argv).toEqual(['pg_dump', '-h', 'db', '-p', '5432', '-U', 'u', '--clean', '--if-exists', '--no-owner', '--no-privileges', 'app']);
    expect(command.env).toEqual({ PGPASSWORD: 's3cret' });
    expect(command.argv.join(' ')).not.toContain('s3cret');
  });

  it('in a container the engine passes the variable by name (-e PGPASSWORD) from its own environment', () => {
    const command = dumpCommand(pg, ['docker', 'exec', '-i', 'abc123']);
    expect(command.argv.slice(0, 7)).toEqual(['docker', 'exec', '-i', '-e', 'PGPASSWORD', 'abc123', 'pg_dump']);
    expect(command.env).toEqual({ PGPASSWORD: 's3cret' });
  });

  it('mysqldump runs in one transaction (consistent for InnoDB) and prefers mariadb-dump where it exists; load uses the client', () => {
    const dump = dumpCommand(my, []);
    expect(dump.argv.slice(3, 7)).toEqual(['sh', 'mariadb-dump', 'mysqldump', '--single-transaction']);
    expect(dump.env).toEqual({ MYSQL_PWD: 's3cret' });
    expect(loadCommand(my, []).argv.slice(3, 6)).toEqual(['sh', 'mariadb', 'mysql']);
    expect(loadCommand(pg, []).argv).toContain('ON_ERROR_STOP=1');
  });

  it('sqlite3 .backup quotes the copy path; a folder tar leaves out the excluded files', () => {
    expect(sqliteBackupCommand('/d/app.db', "/d/it's.sqlite").argv).toEqual(['sqlite3', '/d/app.db', ".backup '/d/it''s.sqlite'"]);
    expect(tarFolderCommand('/d', ['app.db', 'app.db-wal']).argv).toEqual(['tar', '-C', '/d', '--numeric-owner', '--exclude=./app.db', '--exclude=./app.db-wal', '-cf', '-', '.']);
  });
});
