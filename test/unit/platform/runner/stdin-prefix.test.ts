// A piped command's own stdin (a password line) goes before the streamed bytes, and alone when it
// only writes to a sink: what the backup's dump and the restore's load rely on.
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LocalRunner } from '../../../../src/platform/runner/local-runner.js';
import { withStdinPrefix } from '../../../../src/platform/runner/stdin-prefix.js';

const runner = new LocalRunner();

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  return { stream: new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) }), text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('withStdinPrefix', () => {
  it('yields the prefix, then every byte of the source; without a prefix the source as it is', async () => {
    const read = async (r: Readable) => Buffer.concat(await r.toArray()).toString('utf8');
    expect(await read(withStdinPrefix('pw\n', Readable.from([Buffer.from('a'), Buffer.from('b')])))).toBe('pw\nab');
    const source = Readable.from([Buffer.from('x')]);
    expect(withStdinPrefix(undefined, source)).toBe(source);
  });
});

describe('LocalRunner pipes with a command stdin', () => {
  it('pipeTo writes the command stdin first, then the source', async () => {
    const out = sink();
    // The command copies its stdin to a file we read back through a second command.
    const file = `/tmp/hl-stdin-prefix-${process.pid}`;
    const result = await runner.pipeTo({ argv: ['sh', '-c', `cat > ${file}`], stdin: 'first line\n' }, Readable.from([Buffer.from('streamed')]));
    expect(result.exitCode).toBe(0);
    await runner.pipeFrom({ argv: ['sh', '-c', `cat ${file}; rm -f ${file}`] }, out.stream);
    expect(out.text()).toBe('first line\nstreamed');
  });

  it('pipeFrom feeds the command stdin (the password of a dump) and streams its stdout', async () => {
    const out = sink();
    const result = await runner.pipeFrom({ argv: ['sh', '-c', 'IFS= read -r pw; printf "got %s" "$pw"'], stdin: 'se cret\n' }, out.stream);
    expect(result.exitCode).toBe(0);
    expect(out.text()).toBe('got se cret');
  });
});
