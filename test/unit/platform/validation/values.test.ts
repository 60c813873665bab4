import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from '../../../../src/platform/validation/size.js';
import {
  checkAbsolutePath,
  checkBoolean,
  checkCores,
  checkEmail,
  checkHttpUrl,
  checkMemory,
  checkPort,
  checkTimezone,
} from '../../../../src/platform/validation/values.js';

describe('checkPort', () => {
  it('accepts 1–65535 as plain digits', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), (p) => {
      expect(checkPort(String(p))).toEqual({ ok: true, value: p });
    }));
  });

  it('rejects 0, out of range, signs, decimals, hex, leading zeros and junk', () => {
    fc.assert(fc.property(fc.integer({ min: 65536, max: 2 ** 40 }), (p) => {
      expect(checkPort(String(p)).ok).toBe(false);
    }));
    for (const bad of ['0', '-1', '+80', '80.0', '0x50', '080', '1e3', '80 80', '', 'http']) {
      const result = checkPort(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
    }
  });
});

const segment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9 ._-]{0,15}$/).filter((s) => s !== '.' && s !== '..');

describe('checkAbsolutePath', () => {
  it('accepts absolute paths and normalises duplicate and trailing slashes', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), (segments, trailing) => {
        const clean = `/${segments.join('/')}`;
        expect(checkAbsolutePath(`${clean}${trailing ? '/' : ''}`)).toEqual({ ok: true, value: clean });
        expect(checkAbsolutePath(`/${segments.join('//')}`)).toEqual({ ok: true, value: clean });
      }),
    );
  });

  it('rejects relative paths, ~, .., the root, control characters and commas, with a reason', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        expect(checkAbsolutePath(segments.join('/')).ok).toBe(false);
        expect(checkAbsolutePath(`/${segments.join('/')}/../etc`).ok).toBe(false);
        expect(checkAbsolutePath(`/${segments.join('/')}\n/x`).ok).toBe(false);
        expect(checkAbsolutePath(`/${segments.join(',')},x`).ok).toBe(false);
      }),
    );
    expect(checkAbsolutePath('~/media')).toEqual({ ok: false, reason: expect.stringContaining('~') });
    expect(checkAbsolutePath('/')).toEqual({ ok: false, reason: expect.stringContaining('root') });
    expect(checkAbsolutePath('//nas/share')).toEqual({ ok: false, reason: expect.stringContaining('network share') });
  });
});

describe('sizes', () => {
  const units = fc.constantFrom('K', 'M', 'G', 'T');
  it('accepts a whole number and a binary unit, in any spelling, and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1023 }), units, fc.constantFrom('', 'i', 'B', 'iB'), fc.boolean(), (n, unit, suffix, lower) => {
        const text = `${n}${lower ? unit.toLowerCase() : unit}${suffix}`;
        const parsed = parseSize(text);
        expect(parsed).toEqual({ ok: true, value: { bytes: n * 1024 ** (['K', 'M', 'G', 'T'].indexOf(unit) + 1), text: `${n}${unit}` } });
        if (parsed.ok) expect(parseSize(formatSize(parsed.value.bytes))).toEqual({ ok: true, value: { bytes: parsed.value.bytes, text: formatSize(parsed.value.bytes) } });
      }),
    );
  });

  it('rejects bare numbers, decimals, zero, negative and unknown units, naming the fix', () => {
    expect(parseSize('512')).toEqual({ ok: false, reason: expect.stringContaining('no unit') });
    expect(parseSize('1.5G')).toEqual({ ok: false, reason: expect.stringContaining('1536M') });
    for (const bad of ['0G', '-1G', '8X', 'G', '8 G G', '8GB5', '', '8e3M']) expect(parseSize(bad).ok, bad).toBe(false);
  });

  it('memory is a size of at least the minimum, in whole MiB', () => {
    expect(checkMemory('2G')).toEqual({ ok: true, value: '2G' });
    expect(checkMemory('512K')).toEqual({ ok: false, reason: expect.stringContaining('MiB') });
    expect(checkMemory('256M', 512 * 2 ** 20)).toEqual({ ok: false, reason: expect.stringContaining('minimum of 512M') });
  });

  it('cores are a whole number within bounds', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8192 }), (n) => {
      expect(checkCores(String(n)).ok).toBe(true);
    }));
    expect(checkCores('0').ok).toBe(false);
    expect(checkCores('1', 2)).toEqual({ ok: false, reason: expect.stringContaining('2 to 8192') });
  });
});

describe('checkEmail', () => {
  const local = fc.stringMatching(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,20}(\.[a-z0-9_-]{1,10}){0,2}$/);
  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
  it('accepts dot-atom addresses at a real domain', () => {
    fc.assert(fc.property(local, name, (l, d) => {
      expect(checkEmail(`${l}@${d}.example`)).toEqual({ ok: true, value: `${l}@${d}.example` });
    }));
  });

  it('rejects missing parts, bad dots, spaces, quotes and bad domains', () => {
    for (const bad of ['admin', '@example.com', 'admin@', 'a..b@example.com', '.a@example.com', 'a.@example.com', 'a b@example.com', '"a"@example.com', 'admin@localhost', 'admin@exa mple.com', 'admin@example.com\n']) {
      const result = checkEmail(bad);
      expect(result.ok, bad).toBe(false);
    }
    expect(checkEmail(`${'a'.repeat(65)}@example.com`)).toEqual({ ok: false, reason: expect.stringContaining('64') });
  });
});

describe('checkHttpUrl, checkTimezone, checkBoolean', () => {
  it('accepts http(s) URLs with a host, optional port and path', () => {
    for (const good of ['https://tasks.example.com/', 'http://10.0.0.5:3456', 'https://nas.lan/vikunja/']) expect(checkHttpUrl(good).ok, good).toBe(true);
  });

  it('rejects other schemes, user info, bad hosts and hostile characters', () => {
    for (const bad of ['ftp://x.example', 'tasks.example.com', 'https://user:pw@x.example', 'https://exa_mple.com', 'https://x.example/\n', 'https://x.example:99999/', 'javascript:alert(1)']) {
      expect(checkHttpUrl(bad).ok, bad).toBe(false);
    }
  });

  it('time zones come from the tz database', () => {
    expect(checkTimezone('Europe/Berlin').ok).toBe(true);
    expect(checkTimezone('Etc/UTC').ok).toBe(true);
    expect(checkTimezone('Mars/Olympus').ok).toBe(false);
    expect(checkTimezone('../etc/passwd').ok).toBe(false);
  });

  it('booleans accept the usual words only', () => {
    for (const t of ['true', 'YES', 'on', '1', 'y']) expect(checkBoolean(t)).toEqual({ ok: true, value: true });
    for (const f of ['false', 'No', 'off', '0', 'n']) expect(checkBoolean(f)).toEqual({ ok: true, value: false });
    expect(checkBoolean('maybe').ok).toBe(false);
  });
});
