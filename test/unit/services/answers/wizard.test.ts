import { describe, expect, it } from 'vitest';
import { checkTypedAnswer, defaultFor, visibleQuestions } from '../../../../src/services/answers/wizard.js';
import { maskedAnswers } from '../../../../src/services/answers/mask.js';
import { findQuestion, questionsFor } from '../../../../src/platform/recipe/questions.js';
import { SECRET_MASK } from '../../../../src/platform/logger.js';
import { shippedRecipe } from '../../../support/catalog.js';

const vikunja = await shippedRecipe('vikunja');
const ids = (questions: { id: string }[]) => questions.map((q) => q.id);

describe('wizard API', () => {
  it('shows questions whose when holds, in order, and hides advanced ones unless asked', () => {
    const basic = ids(visibleQuestions(vikunja, 'compose', { db_type: 'postgres', db_mode: 'existing' }, { showAdvanced: false }));
    expect(basic).toEqual(['public_url', 'port', 'enable_registration', 'db_type', 'db_mode', 'db_host', 'db_port', 'db_name', 'db_user', 'db_password', 'files_dir', 'data_dir']);
    const sqlite = ids(visibleQuestions(vikunja, 'compose', {}, { showAdvanced: true }));
    expect(sqlite).toContain('service_secret');
    expect(sqlite).not.toContain('db_mode');
    expect(sqlite).not.toContain('db_host');
  });

  it('pre-fills defaults chosen by earlier answers', () => {
    const port = findQuestion(vikunja, 'db_port');
    if (!port) throw new Error('db_port missing');
    expect(defaultFor(port, { db_type: 'mysql' })).toBe(3306);
    expect(defaultFor(port, { db_type: 'postgres' })).toBe(5432);
  });

  it('checks what is typed, with reasons, including the gateway against the address', () => {
    const gateway = findQuestion(vikunja, 'lxc_gateway');
    const port = findQuestion(vikunja, 'port');
    if (!gateway || !port) throw new Error('questions missing');
    expect(checkTypedAnswer(port, '80', {})).toEqual({ ok: true, value: 80 });
    expect(checkTypedAnswer(port, 'eighty', {})).toEqual({ ok: false, reason: '"eighty" is not a port number (digits only)' });
    expect(checkTypedAnswer(gateway, '10.1.1.1', { lxc_ip: '10.1.1.5/24' })).toEqual({ ok: true, value: '10.1.1.1' });
    expect(checkTypedAnswer(gateway, '10.1.2.1', { lxc_ip: '10.1.1.5/24' }).ok).toBe(false);
  });

  it('masks secrets for display', () => {
    expect(maskedAnswers(questionsFor(vikunja), { port: 1, service_secret: 'x'.repeat(40) })).toEqual({ port: 1, service_secret: SECRET_MASK });
  });
});
