// `completion bash|zsh|fish` tested in the shells themselves: each shell runs in tmux with the script
// sourced, a partial word is typed and TAB pressed, and the line must end completed — a host name from
// the inventory, a deployment name from the local cache, an app id from the catalog. The script calls
// the built CLI (`homelab-tui complete -- …`) through a `homelab-tui` on PATH, as after an install.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecord } from '../../support/deployment-records.js';
import { TmuxSession } from '../../support/tmux.js';

const BIN = fileURLToPath(new URL('../../../bin/homelab-tui.js', import.meta.url));
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

let home = '';
let env: Record<string, string> = {};

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'hl-completion-'));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'homelab-tui'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(bin, 'homelab-tui'), 0o755);
  env = { HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}`, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local', 'state'), NO_COLOR: '1' };
  for (const [name, address] of [['pve-main', '10.0.0.1'], ['pve-two', '10.0.0.2'], ['nas', '10.0.0.3']]) {
    execFileSync(process.execPath, [BIN, 'hosts', 'add', name!, '--address', address!], { env: { ...process.env, ...env } });
  }
  const cache = join(home, '.local', 'state', 'homelab-tui', 'cache', 'deployments');
  mkdirSync(cache, { recursive: true });
  const record = newRecord('photos-main', { app: 'jellyfin', version: '10.10.7' }, 'compose', 'nas');
  writeFileSync(join(cache, 'nas.json'), JSON.stringify({ host: 'nas', at: new Date(0).toISOString(), records: [record] }));
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** How each shell loads the script, from a clean start (no rc files) with the prompt `$ `. */
const SHELLS = {
  bash: ['source /usr/share/bash-completion/bash_completion', 'source <(homelab-tui completion bash)'],
  zsh: ['exec zsh -f', "PS1='$ '; autoload -U compinit && compinit -u", 'source <(homelab-tui completion zsh)'],
  fish: ['exec fish --no-config', "function fish_prompt; echo '$ '; end", 'homelab-tui completion fish | source'],
} as const;

/** Types a partial command line, presses TAB and returns the line as the shell left it. */
async function completeLine(term: TmuxSession, partial: string, completed: string): Promise<void> {
  await term.type(partial);
  await term.press('Tab');
  await term.waitFor(completed, 20_000);
  await term.press('C-c');
}

describe.each(Object.keys(SHELLS) as (keyof typeof SHELLS)[])('completion %s', (shell) => {
  it.skipIf(!has(shell) || (shell === 'bash' && !has('tmux')))(`${shell} completes a partial host name, a deployment name and an app id`, async () => {
    const term = await TmuxSession.start({ columns: 160, rows: 30, env });
    try {
      for (const line of SHELLS[shell]) {
        await term.type(line);
        await term.press('Enter');
      }
      await term.type("echo loaded-4''2");
      await term.press('Enter');
      await term.waitFor('loaded-42');
      if (shell === 'bash') {
        await term.type('complete -p homelab-tui');
        await term.press('Enter');
        await term.waitFor(/complete .*-F __homelab_tui_complete homelab-tui/);
      }
      await completeLine(term, 'homelab-tui install jellyfin --host pve-m', 'homelab-tui install jellyfin --host pve-main');
      await completeLine(term, 'homelab-tui logs phot', 'homelab-tui logs photos-main');
      await completeLine(term, 'homelab-tui install vik', 'homelab-tui install vikunja');
    } finally {
      await term.stop();
    }
  });
});
