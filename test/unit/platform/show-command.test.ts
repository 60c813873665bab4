import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { showCommand } from '../../../src/platform/show-command.js';

describe('showCommand', () => {
  it('leaves plain words and quotes the rest, so a shell reads back exactly the words', () => {
    expect(showCommand(['homelab-tui', 'logs', 'app', '--host', 'nas'])).toBe('homelab-tui logs app --host nas');
    const words = ['echo', '$(touch /tmp/hl-never)', "it's", 'a b;c', '`id`', '-oProxyCommand=x', ''];
    const line = showCommand(words);
    expect(line).toBe(`echo '$(touch /tmp/hl-never)' 'it'\\''s' 'a b;c' '\`id\`' '-oProxyCommand=x' ''`);
    const back = execFileSync('sh', ['-c', `for w in ${showCommand(words.slice(1))}; do printf '%s\\n' "[$w]"; done`], { encoding: 'utf8' });
    expect(back).toBe(`${words.slice(1).map((w) => `[${w}]`).join('\n')}\n`);
  });

  it('keeps a word with a newline or escape on one line ($\'…\') and never throws', () => {
    expect(showCommand(['a\nb', 'x\u001b[2J'])).toBe("$'a\\nb' $'x\\x1b[2J'");
    expect(showCommand(['a\0b'])).toBe("$'a\\x00b'");
    const back = execFileSync('bash', ['-c', `printf '%s' ${showCommand(["it's\nthere"])}`], { encoding: 'utf8' });
    expect(back).toBe("it's\nthere");
  });
});
