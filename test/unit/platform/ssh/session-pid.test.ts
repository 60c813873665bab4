import { execFileSync, spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KILL_GROUP_SCRIPT, PID_ANNOUNCEMENT, SessionPidFilter } from '../../../../src/platform/ssh/session-pid.js';

async function filter(chunks: Buffer[]): Promise<{ text: Buffer; pid: number | undefined }> {
  let pid: number | undefined;
  const source = new PassThrough();
  const filtered = source.pipe(new SessionPidFilter((found) => (pid = found)));
  const out: Buffer[] = [];
  filtered.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => filtered.on('end', r));
  for (const chunk of chunks) source.write(chunk);
  source.end();
  await done;
  return { text: Buffer.concat(out), pid };
}

describe('SessionPidFilter', () => {
  it('takes out the announcement that sh really prints, even split across chunks', async () => {
    const announced = spawnSync('sh', ['-c', `${PID_ANNOUNCEMENT}echo err >&2; exit 0`]).stderr;
    const bytes = Buffer.concat([Buffer.from('rc-file noise\n'), announced, Buffer.from([0xff, 0x0a])]);
    const { text, pid } = await filter([bytes.subarray(0, 5), bytes.subarray(5, 20), bytes.subarray(20)]);
    expect(pid).toBeGreaterThan(1);
    expect(text).toEqual(Buffer.concat([Buffer.from('rc-file noise\nerr\n'), Buffer.from([0xff, 0x0a])]));
  });

  it('passes everything through when there is no announcement', async () => {
    const { text, pid } = await filter([Buffer.from('a\nb'), Buffer.from('c')]);
    expect(pid).toBeUndefined();
    expect(text.toString()).toBe('a\nbc');
  });
});

describe('KILL_GROUP_SCRIPT', () => {
  it('ends a whole process group, the children of a shell included', () => {
    const out = execFileSync('sh', [
      '-c',
      // A new session runs a shell with a child; the script gets the group id as $1.
      `setsid sh -c 'sleep 601 & sleep 602; true' & sleep 0.3; pg=$(ps -eo pgid=,args= | awk '$2=="sleep" && $3=="601" {print $1; exit}'); sh -c '${KILL_GROUP_SCRIPT.replaceAll("'", "'\\''")}' sh "$pg"; sleep 0.2; ps -eo args= | grep -c '^sleep 60[12]$' || true`,
    ]).toString();
    expect(out.trim()).toBe('0');
  });
});
