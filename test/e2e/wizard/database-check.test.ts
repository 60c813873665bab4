// The wizard's "existing database server" check over the real SSH transport against the lab's
// PostgreSQL and MariaDB, with the lab's known credentials. Lab hosts have no routes to each other
// (each reaches only its own /24 and the root namespace), so the target host here is the db host
// itself, connecting to its network address as an app on it would.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/platform/clock.js';
import { testDatabase } from '../../../src/services/wizard/database-check.js';
import { lab, labPool, viaAlias } from '../ssh/ssh-lab.js';

const { postgres, mariadb } = lab.databases;

describe('testing an existing database from the target host (lab)', () => {
  it('logs in to PostgreSQL and MariaDB with the right password, and says why not with a wrong one', async () => {
    const pool = await labPool();
    try {
      const runner = pool.runnerFor(viaAlias('db'));
      const pg = { kind: 'postgres' as const, host: postgres.address, port: postgres.port, database: postgres.database, user: postgres.user, password: postgres.password };
      expect(await testDatabase(runner, pg, { clock: systemClock })).toEqual({ ok: true, message: `logged in to ${postgres.address}:${postgres.port} as lab (database labdb) from ${runner.host}` });
      const wrongPg = await testDatabase(runner, { ...pg, password: 'wrong' }, { clock: systemClock });
      expect(wrongPg).toMatchObject({ ok: false, message: expect.stringContaining('password authentication failed for user "lab"') });

      const my = { kind: 'mysql' as const, host: mariadb.address, port: mariadb.port, database: mariadb.database, user: mariadb.user, password: mariadb.password };
      expect(await testDatabase(runner, my, { clock: systemClock })).toMatchObject({ ok: true, message: expect.stringMatching(/^logged in to .*:3306 as lab/) });
      expect(await testDatabase(runner, { ...my, password: 'wrong' }, { clock: systemClock })).toMatchObject({ ok: false, message: expect.stringContaining('Access denied for user') });

      const closed = await testDatabase(runner, { ...pg, port: 5433 }, { clock: systemClock });
      expect(closed).toMatchObject({ ok: false, message: expect.stringContaining(`cannot reach ${postgres.address}:5433`) });
    } finally {
      await pool.close();
    }
  });
});
