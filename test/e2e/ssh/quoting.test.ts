// The quoting property against a real sshd and login shell: hostile argv, env values and directory
// names arrive byte for byte, and a canary command hidden in them never runs. 1,000 cases, 25 per
// remote command so the run stays quick.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../../src/platform/runner/command-runner.js';
import type { SshPool } from '../../../src/platform/ssh/ssh-pool.js';
import { sshRun } from '../../support/lab.js';
import { labPool, viaAlias } from './ssh-lab.js';

const CASES_PER_COMMAND = 25;
const COMMANDS = 40;
const canary = `/tmp/hl-quoting-canary-${process.pid}`;
const base = `/tmp/hl-quoting-dirs-${process.pid}`;

/** Everything a shell treats specially, and ways to smuggle `touch CANARY` past a careless quoter. */
const fragment = fc.constantFrom(
  "'", '"', '`', '$', '$(', ')', '${', '}', '\\', ';', '&', '&&', '|', '||', '\n', '\r', '\t', ' ', '  ',
  '*', '?', '[a-z]', '{a,b}', '~', '~root', '#', '!', '!!', '<', '>', '>>', '<<EOF', '%', '=', '=ls', '-', '--', '-n', '-e',
  '\x1b[31m', '\x01', '\x7f', 'é', '日本', '😀', '\u00a0', '\u2028', 'IFS=x', '$IFS', '$0', '$$', '$@', '"$@"', "'\\''",
  `$(touch ${canary})`, `\`touch ${canary}\``, `; touch ${canary}`, `\ntouch ${canary}\n`, `'; touch ${canary}; '`,
  `"; touch ${canary}; "`, `| touch ${canary}`, `&& touch ${canary}`, `$(IFS=_;cmd=touch_${canary};$cmd)`, `\\'; touch ${canary} #`,
);
const anyText = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0') && !/[\uD800-\uDFFF]/u.test(s));
const hostile = fc.oneof(anyText, fc.array(fc.oneof(fragment, anyText), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')));
/** A directory name: hostile, but one path component. */
const dirName = hostile.map((s) => s.replaceAll('/', '_')).filter((s) => s.length > 0 && s !== '.' && s !== '..' && Buffer.byteLength(s) < 200);
const oneCase = fc.record({ args: fc.array(hostile, { minLength: 1, maxLength: 5 }), env: hostile });

// Prints the working directory, every variable HL_V<i> and every argument, each ended by NUL.
const PRINT_ALL = 'printf \'%s\\0\' "$PWD"; i=0; while [ $i -lt "$HL_N" ]; do eval "printf \'%s\\0\' \\"\\$HL_V$i\\""; i=$((i+1)); done; printf \'%s\\0\' "$@"';

let pool: SshPool;
let runner: CommandRunner;
let casesChecked = 0;

beforeAll(async () => {
  pool = await labPool();
  runner = pool.runnerFor(viaAlias('bare'));
  await runner.run({ argv: ['rm', '-rf', canary, base] });
  await runner.run({ argv: ['mkdir', '-p', base] });
});

afterAll(async () => {
  await runner.run({ argv: ['rm', '-rf', canary, base] });
  await pool.close();
});

describe('quoting against the lab sshd', () => {
  it(`passes ${CASES_PER_COMMAND * COMMANDS} hostile cases through unchanged and never runs the canary`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(oneCase, { minLength: CASES_PER_COMMAND, maxLength: CASES_PER_COMMAND }), dirName, async (cases, dir) => {
        const cwd = `${base}/${dir}`;
        const made = await runner.run({ argv: ['mkdir', '-p', '--', cwd] });
        expect(made.exitCode, made.stderr).toBe(0);
        const env = Object.fromEntries([['HL_N', String(cases.length)], ...cases.map((c, i) => [`HL_V${i}`, c.env])]);
        const args = cases.flatMap((c) => c.args);
        const result = await runner.run({ argv: ['sh', '-c', PRINT_ALL, 'sh', ...args], env, cwd });
        expect(result.exitCode, result.stderr).toBe(0);
        const fields = result.stdout.split('\0').slice(0, -1);
        expect(fields).toEqual([cwd, ...cases.map((c) => c.env), ...args]);
        casesChecked += cases.length;
      }),
      { numRuns: COMMANDS },
    );
    expect(casesChecked).toBeGreaterThanOrEqual(1000);
    const probe = await runner.run({ argv: ['test', '-e', canary] });
    expect(probe.exitCode, 'the canary file exists: an injection ran').toBe(1);
  });

  it('would have seen the canary: the same injection without quoting does run it', async () => {
    const control = `${canary}-control`;
    const res = await sshRun('bare', `printf '%s' $(touch ${control}); test -e ${control} && echo ran; rm -f ${control}`);
    expect(res.stdout).toBe('ran\n');
  });

  it('carries arbitrary bytes (not UTF-8 too) through stdin unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const result = await runner.run({ argv: ['sha256sum'], stdin: bytes });
        expect(result.stdout.split(' ')[0]).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 30, examples: [[Uint8Array.from([0xff, 0xfe, 0x00, 0x80, 0xc3])]] },
    );
  });
});
