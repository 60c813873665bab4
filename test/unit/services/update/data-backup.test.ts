// The pre-update backup with a database dump: the folders the database server keeps its files in are
// covered by the dump, so they leave the archive (and the restore that empties each archived folder).
import { describe, expect, it } from 'vitest';
import { restoreActions, withDatabase } from '../../../../src/services/update/data-backup.js';
import { serverDumpFile } from '../../../../src/services/update/database-dump.js';

const pg = { kind: 'postgres' as const, host: '127.0.0.1', port: 5432, database: 'app', user: 'u', password: 'pw' };
const start = { argv: ['docker-compose', '-p', 'app', '-f', '/opt/app/compose.yaml', 'up', '-d', '--no-deps', 'db'] };

describe('withDatabase', () => {
  it('leaves the database folders and what lies in them out of the archive; a folder holding one is kept with a warning', () => {
    const dump = serverDumpFile(pg, [], '/b/x.sql', { start, folders: ['/srv/app/postgres/'] });
    const base = { archive: '/b/x.tar.gz', paths: ['/srv/app/files', '/srv/app/postgres', '/srv/app/postgres/wal', '/srv/app'] };
    const { backup, warnings } = withDatabase(base, dump);
    expect(backup.paths).toEqual(['/srv/app/files', '/srv/app']);
    expect(backup.database).toBe(dump);
    expect(warnings).toEqual(["/srv/app holds the database's files: it is archived while the database runs (the rollback loads the dump after restoring it)"]);
    // The rollback: the restore of the archived folders, the database service started alone, the load.
    const actions = restoreActions(backup);
    expect(actions.map((a) => (a.kind === 'run' ? a.command.argv[0] : a.kind))).toEqual(['sh', 'docker-compose', 'sh']);
    const restore = actions[0]?.kind === 'run' ? actions[0].command.argv : [];
    expect(restore.slice(-2)).toEqual(['/srv/app/files', '/srv/app']);
  });

  it('a server elsewhere keeps every data folder', () => {
    const dump = serverDumpFile(pg, [], '/b/x.sql');
    const base = { archive: '/b/x.tar.gz', paths: ['/srv/app/files', '/srv/app/postgres'] };
    expect(withDatabase(base, dump)).toEqual({ backup: { ...base, database: dump }, warnings: [] });
  });
});
