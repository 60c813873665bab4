import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../src/platform/errors.js';

describe('CommandError', () => {
  it('names the command, the host, the exit code and the tail of stderr', () => {
    expect(new CommandError(['pct', 'start', '100'], 255, 'pve', 'CT 100 already running').message).toBe('pct start 100 on pve exited with 255: CT 100 already running');
    expect(new CommandError(['sleep', '9'], null, 'local', '').message).toBe('sleep 9 on local did not finish');
  });

  it('shows a script passed as one argument by its size, and keeps the argv whole', () => {
    const script = 'set -e\napt-get update\n\napt-get install -y x\n';
    const error = new CommandError(['pct', 'exec', '100', '--', 'sh', '-ec', script], 1, 'pve', 'E: no package x');
    expect(error.message).toBe('pct exec 100 -- sh -ec <3-line script> on pve exited with 1: E: no package x');
    expect(error.argv[6]).toBe(script);
  });
});
