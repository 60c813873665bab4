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
  it('services, providers and the ground never import ink, react, zustand, screens, the store or the CLI', () => {
    const bad = (spec: string) => UI_PACKAGES.test(spec) || /\/(screens|store|cli)\//.test(spec);
    expect([...violations('src/services', bad), ...violations('src/providers', bad), ...violations('src/platform', bad)]).toEqual([]);
  });

  it('the ground (src/platform) never imports the use cases or the providers', () => {
    const bad = (spec: string) => /\/(services|providers)\//.test(spec);
    expect(violations('src/platform', bad)).toEqual([]);
  });

  it('providers never import the use cases', () => {
    expect(violations('src/providers', (spec) => /\/services\//.test(spec))).toEqual([]);
  });

  it('use cases reach providers only through the registry and the provider interface', () => {
    const bad = (spec: string) => /\/providers\//.test(spec) && !/\/providers\/(registry|provider)\.js$/.test(spec);
    expect(violations('src/services', bad)).toEqual([]);
  });

  it('no provider input type or renderer lives outside its provider folder', () => {
    const names = /\b(ComposeInputs|LxcInputs|K3sInputs|render(Compose|Lxc|K3s)Inputs)\b/;
    const declared = (dir: string) =>
      sourceFiles(dir)
        .filter((file) => /export (interface|type|function) (ComposeInputs|LxcInputs|K3sInputs|render(Compose|Lxc|K3s)Inputs)\b/.test(readFileSync(file, 'utf8')))
        .map((file) => relative(root, file));
    expect([...declared('src/services'), ...declared('src/platform')]).toEqual([]);
    expect(names.test(readFileSync(join(root, 'src/providers/compose/inputs.ts'), 'utf8'))).toBe(true);
  });

  it('ProviderId is declared once', () => {
    const declaring = [...sourceFiles('src')].filter((file) => /export type ProviderId\s*=/.test(readFileSync(file, 'utf8')));
    expect(declaring.map((file) => relative(root, file))).toEqual(['src/platform/recipe/provider-ids.ts']);
  });

  it('the store never imports ink, react or screens', () => {
    const bad = (spec: string) => /^(ink|react)(\/|$)/.test(spec) || /\/screens\//.test(spec);
    expect(violations('src/store', bad)).toEqual([]);
  });

  it('screens never run processes, open sockets or touch files, and never reach the runner', () => {
    const bad = (spec: string) => SIDE_EFFECTS.test(spec) || /\/platform\/runner\//.test(spec) || /\/providers\//.test(spec);
    expect(violations('src/screens', bad)).toEqual([]);
  });

  it('use cases never switch on provider ids: they ask the registry (a provider id in quotes is a provider\'s knowledge)', () => {
    const switching = sourceFiles('src/services').filter((file) => /(case|===|!==)\s*'(compose|proxmox-lxc|k3s)'|'(compose|proxmox-lxc|k3s)'\s*(===|!==)/.test(readFileSync(file, 'utf8')));
    expect(switching.map((file) => relative(root, file))).toEqual([]);
  });

  it('every time stamp comes from the injected clock: no Date.now() or new Date() outside src/platform/clock.ts', () => {
    // The wizard's elapsed-time ticker only re-renders (it stores nothing): the one exception.
    const allowed = new Set(['src/platform/clock.ts', 'src/screens/wizard/use-ticker.ts']);
    const reading = sourceFiles('src')
      .filter((file) => !allowed.has(relative(root, file)))
      .filter((file) => /Date\.now\(\)|new Date\(\)/.test(readFileSync(file, 'utf8')));
    expect(reading.map((file) => relative(root, file))).toEqual([]);
  });

  it('the import rule for use cases catches a provider module (it can fail)', () => {
    const bad = (spec: string) => /\/providers\//.test(spec) && !/\/providers\/(registry|provider)\.js$/.test(spec);
    expect(['../../providers/compose/detect.js', '../../providers/provider-module.js'].filter(bad)).toHaveLength(2);
    expect(['../../providers/registry.js', '../../providers/provider.js'].filter(bad)).toEqual([]);
  });

  it('the checks see real imports (a known import is found)', () => {
    expect(importsOf(join(root, 'src/screens/App.tsx'))).toContain('ink');
  });
});
