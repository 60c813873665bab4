import { describe, expect, it } from 'vitest';
import { hostPathsArgv, parseHostPaths } from '../../../../src/providers/compose/host-paths.js';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';

describe('host paths', () => {
  it('parses path, existence, free space and mount point', () => {
    expect(parseHostPaths('/srv/a\t1\t2048\t/srv\n/srv/b/c\t0\t2048\t/srv\n')).toEqual([
      { path: '/srv/a', exists: true, availableBytes: 2 * 1024 * 1024, mountPoint: '/srv' },
      { path: '/srv/b/c', exists: false, availableBytes: 2 * 1024 * 1024, mountPoint: '/srv' },
    ]);
  });

  it('the script answers for a path that does not exist yet from its nearest parent (run here)', async () => {
    const result = await new LocalRunner().run({ argv: hostPathsArgv(['/tmp', '/tmp/does-not-exist/deeper path']) });
    const [tmp, missing] = parseHostPaths(result.stdout);
    expect(tmp).toMatchObject({ path: '/tmp', exists: true });
    expect(missing).toMatchObject({ path: '/tmp/does-not-exist/deeper path', exists: false, mountPoint: tmp?.mountPoint });
    expect(missing?.availableBytes).toBeGreaterThan(0);
  });
});
