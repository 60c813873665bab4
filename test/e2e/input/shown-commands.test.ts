// Commands shown to a user are shell-quoted: the progress lines of an install on the lab's docker host,
// with a data directory whose name has a space and a quote, read back by a shell as exactly the words
// that ran. (Before showCommand, `→ mkdir -p -- /srv/inputq data's` split the path and opened a quote.)
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, existsOnHost, labConfigDir } from '../compose/compose-lab.js';

const NAME = 'inputq';
const DATA = "/srv/inputq data's";

/** The words a POSIX shell reads from `line`, without running any of them. */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${line}; for w in "$@"; do printf '%s\\0' "$w"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('progress lines quote what they show', () => {
  let configDir = '';
  afterAll(async () => {
    if (configDir) await cli(configDir, ['uninstall', NAME, '--host', 'docker', '--purge', '--yes']);
  });

  it('an install into a folder named with a space and a quote prints its commands pasteable', async () => {
    configDir = await labConfigDir();
    const run = await cli(configDir, ['install', 'labapp', '--host', 'docker', '--provider', 'compose', '--name', NAME, '--set', 'port=18171', '--set', `data_dir=${DATA}`, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    const mkdir = run.stderr.split('\n').map((l) => l.trim()).find((l) => l.startsWith('→ mkdir -p --') && l.includes('inputq data'));
    expect(mkdir, run.stderr).toBeDefined();
    expect(mkdir).toContain(`'/srv/inputq data'\\''s'`);
    expect(shellWords((mkdir as string).slice(2))).toEqual(['mkdir', '-p', '--', DATA]);
    expect(await existsOnHost('docker', DATA)).toBe(true);
  });
});
