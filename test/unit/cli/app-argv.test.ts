import { describe, expect, it } from 'vitest';
import { appArgv } from '../../../src/cli/app-argv.js';

describe('appArgv: the app opens without the command parser only for plain global options', () => {
  it('takes no arguments, --debug and the two valued options in both spellings', () => {
    expect(appArgv([])).toEqual({});
    expect(appArgv(['--debug', '--config-dir', '/c', '--ssh-config=/s'])).toEqual({ debug: true, configDir: '/c', sshConfig: '/s' });
    expect(appArgv(['--config-dir=/a', '--config-dir', '/b'])).toEqual({ configDir: '/b' });
  });

  it('leaves commands, unknown flags and missing or empty values to the parser (undefined)', () => {
    for (const argv of [['status'], ['--help'], ['-h'], ['--config-dir'], ['--config-dir='], ['--config-dir', '--debug'], ['--debug', 'hosts'], ['--nope']]) {
      expect(appArgv(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
