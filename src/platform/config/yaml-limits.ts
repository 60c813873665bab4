import { CST, Lexer, type ErrorCode } from 'yaml';

const SCALAR = CST.SCALAR;

/** How deeply mappings and lists may nest in a config or answers file (real ones use 4 levels). */
export const MAX_YAML_DEPTH = 64;
/** How many aliases (`*name`) a file may use; an alias bomb expands a few lines into gigabytes. */
export const MAX_YAML_ALIASES = 100;

/** How many anchors (`&name`) and tags (`!tag`) a file may hold; config files need none. */
export const MAX_YAML_PROPS = 1000;

/** What the lexer saw: the deepest flow nesting, the most nesting indicators on one line, anchors and tags. */
export interface YamlShape {
  flowDepth: number;
  lineDepth: number;
  props: number;
}

/**
 * Scans the text with the YAML lexer (linear in its size) before parsing: the parser runs out of
 * memory on a few thousand nested brackets, and takes minutes on a megabyte of anchors or of `- - -`
 * on one line, which no try/catch can stop. Stops early once a limit is passed.
 */
export function yamlShape(text: string, limit = MAX_YAML_DEPTH): YamlShape {
  const shape: YamlShape = { flowDepth: 0, lineDepth: 0, props: 0 };
  let depth = 0;
  let onLine = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (scalarNext) {
      scalarNext = false;
      continue;
    }
    if (token === SCALAR) scalarNext = true;
    else if (token === '[' || token === '{') shape.flowDepth = Math.max(shape.flowDepth, ++depth);
    else if ((token === ']' || token === '}') && depth > 0) depth--;
    // Block indicators on one line each open a level (`- - x`, `? ? x`, `a: b: c`); in flow a ':' does not.
    else if (token === '-' || token === '?' || (token === ':' && depth === 0)) shape.lineDepth = Math.max(shape.lineDepth, ++onLine);
    else if (token.startsWith('\n') || token.startsWith('\r')) onLine = 0;
    else if (token.startsWith('&') || token.startsWith('!')) shape.props++;
    if (shape.flowDepth > limit || shape.lineDepth > limit || shape.props > MAX_YAML_PROPS) break;
  }
  return shape;
}

/** The nesting depth of a parsed value (iterative: a deep value cannot overflow the stack here). */
export function valueDepth(value: unknown, limit = MAX_YAML_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    const children = item instanceof Map ? [...item.values()] : Array.isArray(item) ? item : Object.values(item);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * A YAML syntax problem in words of our own: the parser's messages may quote the file (a tag, an
 * escape, a plain scalar), and a file's content is never echoed.
 */
export function yamlProblem(code: ErrorCode): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'TAB_AS_INDENT':
      return 'wrong indentation (use spaces, the same number for items at one level)';
    case 'DUPLICATE_KEY':
      return 'a key appears twice in one mapping';
    case 'MISSING_CHAR':
      return 'a character is missing ("- " before a list item, ":" after a key, a closing quote or bracket, or a comma)';
    case 'MULTIPLE_DOCS':
      return 'more than one YAML document (a line "---" in the middle)';
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return 'an alias (*name) that is not allowed here';
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'BAD_PROP_ORDER':
      return 'anchors (&name) or tags (!tag) used wrongly';
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
      return 'a tag (!tag) this file cannot use';
    case 'BAD_DQ_ESCAPE':
      return 'an invalid escape sequence in a double-quoted value';
    case 'BAD_SCALAR_START':
      return 'a value starts with a character that needs quotes (such as @, ` or %)';
    case 'KEY_OVER_1024_CHARS':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'NON_STRING_KEY':
      return 'a key that is not a plain name (too long, on several lines, or a collection)';
    case 'BLOCK_IN_FLOW':
      return 'a block (indented lines) inside [ ] or { }';
    case 'RESOURCE_EXHAUSTION':
      return 'too deeply nested or too large';
    case 'BAD_DIRECTIVE':
      return 'an invalid % directive';
    default:
      return 'unexpected text (an item without "- ", a missing ":", or a stray character)';
  }
}
