import { describe, expect, it } from 'vitest';
import { logFirstLoginSchema } from '../../../../src/platform/recipe/section-schema.js';
import { firstLoginLine, valueFromLog } from '../../../../src/providers/compose/first-login.js';
import { renderComposeInputs } from '../../../../src/providers/compose/render.js';
import { requireComplete, resolveAnswers } from '../../../../src/services/answers/resolve.js';
import { shippedRecipe } from '../../../support/catalog.js';

async function shippedComposeInputs(id: string) {
  const recipe = await shippedRecipe(id);
  return renderComposeInputs(recipe, requireComplete(resolveAnswers(recipe, 'compose', { sets: [] })));
}

// qBittorrent 5.0's start-up banner as the LinuxServer image logs it.
const BANNER = [
  '******** Information ********',
  'To control qBittorrent, access the WebUI at: http://localhost:8080',
  'The WebUI administrator username is: admin',
  'The WebUI administrator password was not set. A temporary password is provided for this session: pQ3vX9kLm',
  'You should set your own password in program preferences.',
].join('\n');

describe("the first login from an app's log", () => {
  it("qBittorrent's recipe reads the temporary password from the banner and says what to do with it", async () => {
    const inputs = await shippedComposeInputs('qbittorrent');
    const spec = inputs.firstLogin;
    expect(spec?.service).toBe('qbittorrent');
    expect(spec && firstLoginLine(spec, BANNER)).toBe('First login: user admin, temporary password pQ3vX9kLm (printed by qBittorrent on its first start); set your own under Tools > Options > Web UI.');
  });

  it('the last such line wins (a restart prints a new one); a log without it gives the recipe\'s other words', async () => {
    const before = 'A temporary password is provided for this session:';
    expect(valueFromLog(`${BANNER}\n...\n${before} second1\n`, before)).toBe('second1');
    expect(valueFromLog('nothing here\n', before)).toBeUndefined();
    expect(valueFromLog(`${before}   \n`, before)).toBeUndefined();
    const spec = (await shippedComposeInputs('qbittorrent')).firstLogin;
    expect(spec && firstLoginLine(spec, 'started\n')).toContain('qBittorrent printed no temporary password');
  });

  it('a recipe message without {value} is refused with its field', () => {
    const bad = logFirstLoginSchema.safeParse({ service: 'app', before: 'password is: ', message: 'log in', otherwise: 'none' });
    expect(bad.error?.issues[0]?.path).toEqual(['message']);
  });
});
