import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const full = join(root, dir);
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports (static, dynamic and re-exports), via the TypeScript scanner. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function violations(dir: string, forbidden: (specifier: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((spec) => `${relative(root, file)} imports ${spec}`),
  );
}

const UI_PACKAGES = /^(ink|ink-.*|react|react-.*|zustand)(\/.*)?$/;
const SIDE_EFFECTS = /^(node:)?(child_process|fs|fs\/promises|net|tls|dgram|http|https)$|^(execa|node-ssh|ssh2)(\/.*)?$/;

describe('architecture: imports go one way', () => {
  it('services and providers never import ink, react, zustand, screens or the store', () => {
    const bad = (spec: string) => UI_PACKAGES.test(spec) || /\/(screens|store|cli)\//.test(spec);
    expect([...violations('src/services', bad), ...violations('src/providers', bad)]).toEqual([]);
  });

  it('the store never imports ink, react or screens', () => {
    const bad = (spec: string) => /^(ink|react)(\/|$)/.test(spec) || /\/screens\//.test(spec);
    expect(violations('src/store', bad)).toEqual([]);
  });

  it('screens never run processes, open sockets or touch files, and never reach the runner', () => {
    const bad = (spec: string) => SIDE_EFFECTS.test(spec) || /\/services\/runner\//.test(spec) || /\/providers\//.test(spec);
    expect(violations('src/screens', bad)).toEqual([]);
  });

  it('the checks see real imports (a known import is found)', () => {
    expect(importsOf(join(root, 'src/screens/App.tsx'))).toContain('ink');
  });
});
