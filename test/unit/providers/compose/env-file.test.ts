import { describe, expect, it } from 'vitest';
import { envFileText } from '../../../../src/providers/compose/env-file.js';

describe('envFileText', () => {
  it('writes plain values bare in every dialect (generated secrets are base64url)', () => {
    for (const dialect of ['dotenv', 'literal', 'portable'] as const) {
      expect(envFileText({ A: 'Zm9v-YmFy_42', B: '' }, dialect, 'app')).toBe('A=Zm9v-YmFy_42\nB=\n');
    }
  });

  it('dotenv (docker-compose v1, v2): values with spaces, # or $ in single quotes, which both read literally', () => {
    expect(envFileText({ P: 'a b #c $HOME' }, 'dotenv', 'app')).toBe("P='a b #c $HOME'\n");
  });

  it('dotenv refuses a value holding a quote or backslash next to special characters, naming the variable', () => {
    expect(() => envFileText({ DB_PASSWORD: "it's #1" }, 'dotenv', 'db')).toThrow(/DB_PASSWORD for db cannot be written/);
  });

  it('literal (podman-compose → podman --env-file): every byte as it is, quotes and leading spaces kept', () => {
    expect(envFileText({ P: `  'x' "y" \\z` }, 'literal', 'app')).toBe(`P=  'x' "y" \\z\n`);
  });

  it('portable (podman compose, provider unknown): only values read alike everywhere', () => {
    expect(() => envFileText({ P: 'a b' }, 'portable', 'app')).toThrow(/podman compose may hand the file/);
  });

  it('no dialect can hold a line break', () => {
    expect(() => envFileText({ P: 'a\nb' }, 'literal', 'app')).toThrow(/holds a line break/);
  });
});
