import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDomain, checkHostname } from '../../../../src/platform/validation/domain.js';

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));
const inner = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split(''));
/** RFC 1123 labels: letters/digits at both ends, hyphens inside, 1–63 characters, no reserved "--" at 3–4. */
const label = fc
  .tuple(alnum, fc.array(inner, { maxLength: 61 }), alnum)
  .map(([a, mid, b]) => (mid.length === 0 ? a : `${a}${mid.join('')}${b}`))
  .filter((l) => l.slice(2, 4) !== '--');
const tld = fc.stringMatching(/^[a-z]{2,10}$/);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), tld)
  .map(([labels, top]) => [...labels, top].join('.'))
  .filter((d) => d.length <= 253);

describe('checkDomain', () => {
  it('accepts every well-formed name and lower-cases it', () => {
    fc.assert(
      fc.property(domain, fc.boolean(), (name, upper) => {
        const result = checkDomain(upper ? name.toUpperCase() : name);
        expect(result).toEqual({ ok: true, value: name });
      }),
    );
  });

  it('rejects a scheme, a path, a port or user info, with a reason', () => {
    fc.assert(
      fc.property(
        domain,
        fc.constantFrom((d: string) => `https://${d}`, (d: string) => `${d}/app`, (d: string) => `${d}:8080`, (d: string) => `me@${d}`),
        (name, wrap) => {
          const result = checkDomain(wrap(name));
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toMatch(/scheme|path|port|email/);
        },
      ),
    );
  });

  it('rejects a character outside letters, digits and hyphens anywhere in a label', () => {
    const bad = fc.constantFrom('_', '!', '*', '$', "'", '"', ';', '`', '&', '|', '%', '=', '+', ',');
    fc.assert(
      fc.property(domain, bad, fc.nat(), (name, char, at) => {
        const i = at % (name.length + 1);
        const result = checkDomain(`${name.slice(0, i)}${char}${name.slice(i)}`);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('rejects control characters and whitespace (hostile input)', () => {
    fc.assert(
      fc.property(domain, fc.constantFrom('\n', '\r', '\t', ' ', '\u0000', '\u007f'), (name, char) => {
        expect(checkDomain(`${name}${char}evil.com`).ok).toBe(false);
      }),
    );
  });

  it('enforces the 63-character label and 253-character name limits', () => {
    expect(checkDomain(`${'a'.repeat(63)}.com`).ok).toBe(true);
    const long = checkDomain(`${'a'.repeat(64)}.com`);
    expect(long).toEqual({ ok: false, reason: expect.stringContaining('at most 63') });
    const name = `${Array.from({ length: 4 }, () => 'b'.repeat(62)).join('.')}.com`;
    expect(name.length).toBeGreaterThan(253);
    expect(checkDomain(name)).toEqual({ ok: false, reason: expect.stringContaining('at most 253') });
  });

  it('needs a TLD of letters', () => {
    expect(checkDomain('localhost')).toEqual({ ok: false, reason: expect.stringContaining('no top-level domain') });
    expect(checkDomain('example.123').ok).toBe(false);
    expect(checkDomain('10.0.0.1').ok).toBe(false);
  });

  it('asks for punycode for an internationalised name and accepts valid punycode', () => {
    expect(checkDomain('bücher.example')).toEqual({ ok: false, reason: expect.stringContaining('xn--bcher-kva.example') });
    expect(checkDomain('xn--bcher-kva.example')).toEqual({ ok: true, value: 'xn--bcher-kva.example' });
    expect(checkDomain('xn--zz.example').ok).toBe(false);
    expect(checkDomain('ab--cd.example')).toEqual({ ok: false, reason: expect.stringContaining('reserved') });
  });

  it('rejects empty labels, edge hyphens and trailing dots', () => {
    for (const bad of ['', '.example.com', 'a..example.com', '-a.example.com', 'a-.example.com', 'example.com.']) {
      expect(checkDomain(bad).ok, bad).toBe(false);
    }
  });
});

describe('checkHostname', () => {
  it('accepts single labels and dotted names', () => {
    fc.assert(fc.property(label, (l) => {
      expect(checkHostname(l)).toEqual({ ok: true, value: l });
    }));
    expect(checkHostname('nas.home.arpa').ok).toBe(true);
  });

  it('refuses an IP address as a name', () => {
    expect(checkHostname('192.168.1.1')).toEqual({ ok: false, reason: expect.stringContaining('IP address') });
  });
});
