import { describe, expect, it } from 'vitest';
import { resolveInverse, screenToSvg } from '../../scripts/docs-screens/ansi-svg.js';

describe('docs screens: ANSI to SVG', () => {
  it('turns reverse video into swapped colours, which the converter draws', () => {
    const sgr = (...codes: string[]) => codes.map((c) => `\x1b[${c}m`).join('');
    expect(resolveInverse('\x1b[7mrow\x1b[27m')).toBe(`${sgr('0', '30', '47')}row${sgr('0')}`);
    expect(resolveInverse('\x1b[32;7mok\x1b[0m')).toBe(`${sgr('0', '30', '42')}ok${sgr('0')}`);
    expect(resolveInverse('\x1b[1m\x1b[31mbad\x1b[39m\x1b[22m')).toBe(`${sgr('0', '1')}${sgr('0', '1', '31')}bad${sgr('0', '1')}${sgr('0')}`);
  });

  it('keeps colours and text in the SVG', () => {
    const svg = screenToSvg('\x1b[32m✓ healthy\x1b[39m\n\x1b[7m▸ wiki\x1b[27m\n');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('fill="#32CD32"');
    expect(svg).toContain('healthy');
    expect(svg).toMatch(/<rect [^>]*fill="#D3D3D3"|<rect [^>]*fill="#[0-9A-F]{6}"[^>]*opacity/);
  });
});
