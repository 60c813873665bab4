import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES, readConfigText } from '../../../../src/platform/config/read-config-file.js';
import { parseYamlText } from '../../../../src/platform/config/yaml-file.js';
import { valueDepth, yamlShape } from '../../../../src/platform/config/yaml-limits.js';
import { inventorySchema } from '../../../../src/platform/config/inventory.js';
import { settingsSchema } from '../../../../src/platform/config/settings.js';
import { UserError } from '../../../../src/platform/errors.js';

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

function parseRefusal(text: string): UserError {
  try {
    parseYamlText(text, 'f.yaml', settingsSchema);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('readConfigText', () => {
  it('reads a file, drops a BOM, and says undefined for a missing one only when allowed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-read-'));
    await writeFile(join(dir, 'a.yaml'), '\uFEFFa: 1\n');
    expect(await readConfigText(join(dir, 'a.yaml'), { missingOk: false })).toBe('a: 1\n');
    expect(await readConfigText(join(dir, 'none.yaml'), { missingOk: true })).toBeUndefined();
    expect((await refusal(readConfigText(join(dir, 'none.yaml'), { missingOk: false }))).message).toMatch(/none\.yaml: it does not exist$/);
  });

  it('refuses a directory, a FIFO (without hanging), a device, a big file and binary content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-read-'));
    await mkdir(join(dir, 'd'));
    expect((await refusal(readConfigText(join(dir, 'd'), { missingOk: true }))).message).toMatch(/is a directory/);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect((await refusal(readConfigText(join(dir, 'fifo'), { missingOk: true }))).message).toMatch(/not a regular file/);
    await symlink('/dev/zero', join(dir, 'zero'));
    expect((await refusal(readConfigText(join(dir, 'zero'), { missingOk: true }))).message).toMatch(/not a regular file/);
    await writeFile(join(dir, 'big'), 'a'.repeat(MAX_CONFIG_BYTES + 1));
    expect((await refusal(readConfigText(join(dir, 'big'), { missingOk: true }))).message).toMatch(/larger than 256 KiB/);
    await writeFile(join(dir, 'bin'), Buffer.from([0x61, 0xff, 0xfe, 0x00]));
    expect((await refusal(readConfigText(join(dir, 'bin'), { missingOk: true }))).message).toMatch(/not valid UTF-8/);
  });

  // Root reads any file, so as root this is skipped here; test/e2e/input/config-files.test.ts covers it
  // as root by running the built CLI as nobody.
  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-read-'));
    await writeFile(join(dir, 'a.yaml'), 'a: 1\n');
    await chmod(join(dir, 'a.yaml'), 0o000);
    expect((await refusal(readConfigText(join(dir, 'a.yaml'), { missingOk: true }))).message).toMatch(/permission denied/);
  });
});

describe('parseYamlText limits', () => {
  it('refuses deep flow nesting before parsing, and deep block nesting after', () => {
    expect(parseRefusal('['.repeat(100_000)).message).toBe('f.yaml: nested more than 64 levels deep');
    const block = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(parseRefusal(block).message).toBe('f.yaml: nested more than 64 levels deep');
  });

  it('refuses an alias bomb and an unresolved alias', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    expect(parseRefusal(bomb).message).toMatch(/^f\.yaml: uses YAML aliases/);
    expect(parseRefusal('a: *nowhere\n').message).toMatch(/^f\.yaml: uses YAML aliases/);
  });

  it('never echoes a value: unknown keys that are not names, syntax errors quoting the text, wrong types', () => {
    const secret = 'root:$6$saltsalt$hashhash';
    for (const text of [`${secret}:x:0:0\n`, `"${secret}": 1\n`, `a: !${'secret-tag'} 1\n`, `refreshSeconds: "\\q${secret}"\n`, `refreshSeconds: ${secret}\n`, `compose:\n  tools:\n    ${secret}: [a]\n`]) {
      const error = parseRefusal(text);
      expect(`${error.message}\n${error.hint ?? ''}`).not.toMatch(/saltsalt|secret-tag|hashhash/);
      expect(error.message).toMatch(/^f\.yaml:\d+:\d+: /);
    }
    expect(parseRefusal(`"${secret}": 1\n`).message).toBe('f.yaml:1:1: an unrecognized key at line 1');
  });

  it('counts brackets outside quotes and comments only', () => {
    expect(yamlShape(`a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\nc: [[1]]\nd: -[[[[\n`).flowDepth).toBe(2);
    expect(yamlShape('- a: b\n- c: [d, e]\n').lineDepth).toBe(2);
    expect(yamlShape(`a: {${Array.from({ length: 100 }, (_, i) => `k${i}: ${i}`).join(', ')}}\n`).lineDepth).toBe(1);
    expect(valueDepth({ a: [{ b: 1 }] })).toBe(3);
  });

  it('refuses in seconds what the parser would take minutes or all memory on', () => {
    for (const [text, message] of [
      ['&a '.repeat(300_000), 'f.yaml: more than 1000 anchors (&name) or tags (!tag)'],
      ['!t '.repeat(300_000), 'f.yaml: more than 1000 anchors (&name) or tags (!tag)'],
      ['- '.repeat(400_000), 'f.yaml: nested more than 64 levels deep'],
      ['? '.repeat(400_000), 'f.yaml: nested more than 64 levels deep'],
      ['"a": '.repeat(200_000), 'f.yaml: nested more than 64 levels deep'],
      ['{a: '.repeat(200_000), 'f.yaml: nested more than 64 levels deep'],
    ] as const) {
      const started = Date.now();
      expect(parseRefusal(`${text}x\n`).message).toBe(message);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('refuses inventory fields that are not words: address, user, tags, jump', () => {
    for (const host of ['address: "-oProxyCommand=touch x"', 'address: "a b"', 'address: "$(id)"', 'address: "a\\nb"', 'user: "a$(id)"', 'user: "-l"', 'tags: ["two words"]', 'jump: "-J x"']) {
      const text = `hosts:\n  - name: nas\n    ${host.startsWith('address') ? host : `address: nas.lan\n    ${host}`}\n`;
      expect(() => parseYamlText(text, 'hosts.yaml', inventorySchema)).toThrow(UserError);
    }
    expect(parseYamlText('hosts:\n  - {name: a, address: "fd00::5", user: deploy_1, tags: [lab, db-1], jump: "ops@bastion.lan:2222"}\n', 'h', inventorySchema).hosts[0]?.address).toBe('fd00::5');
  });
});
