// A terminal screen (tmux capture-pane -e: text with SGR colour sequences) as an SVG picture, through
// ansi-to-svg. That library draws colours, bold and backgrounds but not reverse video, which the
// dashboard uses for its selected row; reverse video is turned into the swapped colours first.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ansiToSvg = require('ansi-to-svg') as (ansi: string, options?: Record<string, unknown>) => string;

/** The terminal's default colours as ansi-to-svg paints them (its palette: light grey on black). */
const DEFAULT_FG = '37';
const DEFAULT_BG = '40';

interface Pen {
  attributes: Set<string>;
  fg: string | undefined;
  bg: string | undefined;
  inverse: boolean;
}

/** Rewrites every SGR sequence as a reset plus the state it leaves (one code a sequence), reverse video resolved. */
export function resolveInverse(ansi: string): string {
  const pen: Pen = { attributes: new Set(), fg: undefined, bg: undefined, inverse: false };
  return ansi.replace(/\x1b\[([\d;]*)m/g, (_all, params: string) => {
    const codes = params === '' ? ['0'] : params.split(';');
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] ?? '0';
      const n = Number(code);
      if (n === 0) Object.assign(pen, { attributes: new Set(), fg: undefined, bg: undefined, inverse: false });
      else if (n === 7) pen.inverse = true;
      else if (n === 27) pen.inverse = false;
      else if (n === 39) pen.fg = undefined;
      else if (n === 49) pen.bg = undefined;
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) pen.fg = code;
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) pen.bg = code;
      else if (n === 38 || n === 48) {
        // 256-colour or RGB: kept as given (ansi-to-svg leaves them plain); skip their arguments.
        const extra = codes[i + 1] === '5' ? 2 : codes[i + 1] === '2' ? 4 : 0;
        i += extra;
      } else if (n === 22) pen.attributes.delete('1');
      else if (n === 23) pen.attributes.delete('3');
      else if (n === 24) pen.attributes.delete('4');
      else pen.attributes.add(code);
    }
    let fg = pen.fg;
    let bg = pen.bg;
    if (pen.inverse) {
      fg = pen.bg ? String(Number(pen.bg) - 10) : DEFAULT_FG.replace('37', '30');
      bg = pen.fg ? String(Number(pen.fg) + 10) : DEFAULT_BG.replace('40', '47');
    }
    // One code a sequence: the converter's parser reads only the first of `a;b;c`.
    return ['0', ...pen.attributes, ...(fg ? [fg] : []), ...(bg ? [bg] : [])].map((c) => `\x1b[${c}m`).join('');
  });
}

/** The SVG of a captured screen: every line, coloured, on the terminal's black. */
export function screenToSvg(ansi: string): string {
  const lines = ansi.replace(/\n+$/, '').split('\n');
  const svg = ansiToSvg(resolveInverse(lines.join('\n')), { paddingTop: 6, paddingLeft: 6, paddingRight: 6, paddingBottom: 6 });
  // Runs of spaces align the columns: an SVG viewer collapses them unless told to keep them.
  return svg.replace(/^<svg /, '<svg xml:space="preserve" ');
}
