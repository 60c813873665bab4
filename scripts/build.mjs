// Bundles src/ into dist/ so `homelab-tui` starts without resolving hundreds of modules.
// Code splitting keeps the Ink tree, SSH and providers in chunks loaded only when a command needs them.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  // Smaller chunks parse faster: the first frame is bounded by parsing Ink, React and yoga. Names are
  // not kept (keepNames cost 15-25 ms of the first frame); our error classes set their names, and
  // --debug turns source maps on so stacks read as the source.
  minify: true,
  sourcemap: 'linked',
  // ssh2 (under node-ssh) loads optional native add-ons with require(); it stays a runtime dependency.
  // Ink loads react-devtools-core only when DEV=true; it is not shipped.
  external: ['node-ssh', 'ssh2', 'cpu-features', 'react-devtools-core'],
  // Some bundled CommonJS packages call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __hlCreateRequire } from 'node:module'; const require = __hlCreateRequire(import.meta.url);",
  },
  define: { 'process.env.NODE_ENV': '"production"', __HOMELAB_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
