import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../src/providers/provider.js';
import { LogBuffer } from '../../../../src/services/logs/log-buffer.js';
import { compileLogFilter } from '../../../../src/services/logs/log-filter.js';
import { pumpLogLines } from '../../../../src/services/logs/log-pump.js';
import { cleanLogText } from '../../../../src/services/logs/log-text.js';
import { throttle } from '../../../../src/platform/throttle.js';
import { waitFor } from '../../../support/render-app.js';

const texts = (buffer: LogBuffer, untilSeq?: number) => [...buffer.newestFirst(untilSeq)].map((e) => `${e.source}:${e.text}`);

describe('log buffer', () => {
  it('merges sources newest first in arrival order', () => {
    const buffer = new LogBuffer(10);
    buffer.append('web', 'a', 0);
    buffer.append('db', 'b', 0);
    buffer.append('web', 'c', 0);
    expect(texts(buffer)).toEqual(['web:c', 'db:b', 'web:a']);
    expect(texts(buffer, 2)).toEqual(['db:b', 'web:a']);
  });

  it('bounds each stream on its own, so a chatty source cannot push out a quiet one', () => {
    const buffer = new LogBuffer(3);
    buffer.append('quiet', 'q1', 0);
    for (let i = 0; i < 1000; i++) buffer.append('chatty', `c${i}`, 0);
    expect(buffer.size).toBe(4);
    expect(buffer.taken).toBe(1001);
    expect(texts(buffer)).toEqual(['chatty:c999', 'chatty:c998', 'chatty:c997', 'quiet:q1']);
  });
});

describe('log filter', () => {
  it('matches a regular expression, smart-case, and cuts lines into highlighted segments', () => {
    const filter = compileLogFilter('err(or)?');
    expect(filter.test('An ERROR here')).toBe(true);
    expect(filter.test('all fine')).toBe(false);
    expect(filter.segments('err and error')).toEqual([
      { text: 'err', match: true },
      { text: ' and ', match: false },
      { text: 'error', match: true },
    ]);
    expect(compileLogFilter('Error').test('error')).toBe(false);
  });

  it('inverts with a leading ! or the invert flag, and the two cancel out', () => {
    expect(compileLogFilter('!debug').test('debug: x')).toBe(false);
    expect(compileLogFilter('debug', true).test('info: x')).toBe(true);
    expect(compileLogFilter('!debug', true).test('debug: x')).toBe(true);
  });

  it('matches an invalid regular expression as text and says so', () => {
    const filter = compileLogFilter('a[b');
    expect(filter.error).toMatch(/not a valid regular expression/);
    expect(filter.test('xa[by')).toBe(true);
  });
});

describe('log text', () => {
  it('removes escape sequences and control characters, expands tabs, cuts runaway lines', () => {
    expect(cleanLogText('\u001B[31mred\u001B[0m\r')).toBe('red');
    expect(cleanLogText('a\tb')).toBe('a       b');
    expect(cleanLogText('\u001B]0;title\u0007x')).toBe('x');
    expect(cleanLogText('x'.repeat(5000))).toHaveLength(2001);
  });
});

describe('log pump', () => {
  it('lets timers run while a source floods it', async () => {
    async function* flood(): AsyncIterable<LogLine> {
      for (let i = 0; i < 200_000; i++) yield { source: 's', line: String(i) };
    }
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let taken = 0;
    await pumpLogLines(flood(), () => taken++);
    clearInterval(timer);
    expect(taken).toBe(200_000);
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    async function* endless(): AsyncIterable<LogLine> {
      for (;;) yield { source: 's', line: 'x' };
    }
    let taken = 0;
    await pumpLogLines(endless(), () => {
      if (++taken === 10) controller.abort();
    }, { signal: controller.signal });
    expect(taken).toBe(10);
  });
});

describe('throttle', () => {
  it('runs the first call at once and folds the rest into one trailing call', async () => {
    let calls = 0;
    const t = throttle(() => calls++, 30);
    t();
    t();
    t();
    expect(calls).toBe(1);
    await waitFor(() => expect(calls).toBe(2));
    t();
    expect(calls, 'a call right after the trailing one waits for the interval').toBe(2);
    t.cancel();
  });
});
