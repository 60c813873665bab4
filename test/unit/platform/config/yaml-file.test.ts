import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlText, readYamlFile } from '../../../../src/platform/config/yaml-file.js';
import { UserError } from '../../../../src/platform/errors.js';
import { inventorySchema } from '../../../../src/platform/config/inventory.js';

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseYamlText', () => {
  it('names file, line and column of a YAML syntax error', () => {
    const error = errorOf(() => parseYamlText('hosts:\n  - name: a\n   address: b\n', 'hosts.yaml', inventorySchema));
    expect(error.message).toBe('hosts.yaml:3:1: invalid YAML: a character is missing ("- " before a list item, ":" after a key, a closing quote or bracket, or a comma)');
    expect(error.hint).toBeTruthy();
  });

  it('names the line, column and field path of a wrong type', () => {
    const text = 'hosts:\n  - name: nas\n    address: 10.0.0.2\n    port: twenty-two\n';
    const error = errorOf(() => parseYamlText(text, 'hosts.yaml', inventorySchema));
    expect(error.message).toBe('hosts.yaml:4:5: hosts[0].port: Invalid input: expected number, received string');
    expect(error.hint).toBe('expected number');
  });

  it('points at an unknown key itself', () => {
    const text = 'hosts:\n  - name: nas\n    address: 10.0.0.2\n    prot: 22\n';
    const error = errorOf(() => parseYamlText(text, 'hosts.yaml', inventorySchema));
    expect(error.message).toBe('hosts.yaml:4:5: hosts[0]: unknown key "prot"');
  });

  it('reports a missing required field at its parent', () => {
    const error = errorOf(() => parseYamlText('hosts:\n  - name: nas\n', 'hosts.yaml', inventorySchema));
    expect(error.message).toMatch(/^hosts\.yaml:2:\d+: hosts\[0\]\.address: /);
  });

  it('rejects duplicate keys as a syntax problem', () => {
    const error = errorOf(() => parseYamlText('hosts: []\nhosts: []\n', 'x.yaml', inventorySchema));
    expect(error.message).toMatch(/^x\.yaml:2:1: invalid YAML/);
  });

  it('returns the parsed value when valid', () => {
    expect(parseYamlText('hosts:\n  - {name: a, address: b}\n', 'f', inventorySchema)).toEqual({
      hosts: [{ name: 'a', address: 'b', tags: [] }],
    });
  });
});

describe('readYamlFile', () => {
  it('returns undefined for a missing file and parses an existing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hl-yaml-'));
    expect(await readYamlFile(join(dir, 'none.yaml'), inventorySchema)).toBeUndefined();
    await writeFile(join(dir, 'hosts.yaml'), 'hosts: []\n');
    expect(await readYamlFile(join(dir, 'hosts.yaml'), inventorySchema)).toEqual({ hosts: [] });
  });
});
