// The database host: psql and mariadb log in with the manifest's test credentials.
import { describe, expect, it } from 'vitest';
import { loadLab, sshRun } from '../../support/lab.js';

const { databases } = loadLab();

describe('databases on the db host', () => {
  it('psql logs in to PostgreSQL over TCP', async () => {
    const pg = databases.postgres;
    const res = await sshRun('db', `PGPASSWORD='${pg.password}' psql -h ${pg.address} -p ${pg.port} -U ${pg.user} -d ${pg.database} -Atc 'select current_user, current_database()'`);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(`${pg.user}|${pg.database}\n`);
  });

  it('psql refuses a wrong password', async () => {
    const pg = databases.postgres;
    const res = await sshRun('db', `PGPASSWORD=wrong psql -h ${pg.address} -U ${pg.user} -d ${pg.database} -Atc 'select 1'`);
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain('password authentication failed');
  });

  it('mariadb logs in to MariaDB over TCP', async () => {
    const my = databases.mariadb;
    const res = await sshRun('db', `mariadb -h ${my.address} -P ${my.port} -u ${my.user} -p'${my.password}' ${my.database} -N -e 'select current_user(), database()'`);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(`${my.user}@%\t${my.database}\n`);
  });
});
