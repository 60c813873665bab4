import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { formatPath, issueHint, issueMessage } from './config-issue.js';
import { readConfigText } from './read-config-file.js';
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_PROPS, valueDepth, yamlProblem, yamlShape } from './yaml-limits.js';

export { formatPath } from './config-issue.js';

/** A place in a file, 1-based, for messages a user can act on. */
export interface FilePosition {
  line: number;
  column: number;
}

/**
 * Reads a YAML config file (through readConfigText: size, type and UTF-8 checked) and checks it with a
 * zod schema. Any problem becomes one UserError that names the file, the line and column, the field
 * path and what is allowed, never a value from the file. A missing file yields `undefined`.
 */
export async function readYamlFile<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S> | undefined> {
  const text = await readConfigText(path, { missingOk: true });
  return text === undefined ? undefined : parseYamlText(text, path, schema);
}

/** Parses YAML text (named `source` in messages) and validates it; see readYamlFile. */
export function parseYamlText<S extends z.ZodType>(text: string, source: string, schema: S): z.output<S> {
  const tooDeep = new UserError(`${source}: nested more than ${MAX_YAML_DEPTH} levels deep`, 'a config or answers file needs a few levels; check that it is the file you meant');
  const shape = yamlShape(text);
  if (shape.flowDepth > MAX_YAML_DEPTH || shape.lineDepth > MAX_YAML_DEPTH) throw tooDeep;
  if (shape.props > MAX_YAML_PROPS) throw new UserError(`${source}: more than ${MAX_YAML_PROPS} anchors (&name) or tags (!tag)`, 'a config or answers file needs none; check that it is the file you meant');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new UserError(
      `${source}:${pos.line}:${pos.col}: invalid YAML: ${yamlProblem(syntax.code)}`,
      'fix the syntax at that place (indentation, a missing colon or quote are the usual causes)',
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch {
    // Only aliases make toJS throw: too many of them (an alias bomb), or one without its anchor.
    throw new UserError(`${source}: uses YAML aliases (*name) beyond what is allowed (at most ${MAX_YAML_ALIASES}, each after its &anchor)`, 'write the values out instead of using aliases');
  }
  if (valueDepth(data) > MAX_YAML_DEPTH) throw tooDeep;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new UserError(`${source}: invalid content`);
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // Point at the unknown key itself rather than at the object holding it.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const pos = positionOf(doc, path, lineCounter) ?? { line: 1, column: 1 };
  const shown = issue.code === 'unrecognized_keys' ? path.slice(0, -1) : path;
  const field = shown.length > 0 ? `${formatPath(shown)}: ` : '';
  throw new UserError(`${source}:${pos.line}:${pos.column}: ${field}${issueMessage(issue, pos.line)}`, issueHint(issue));
}

/** The position of the key at `path` (the field a message names), or of its nearest existing parent. */
export function positionOf(doc: Document, path: readonly (string | number)[], lineCounter: LineCounter): FilePosition | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const key = depth > 0 ? keyNodeAt(doc, sub) : undefined;
    const offset = key?.range?.[0] ?? (doc.getIn(sub, true) as { range?: [number, number, number] } | undefined)?.range?.[0];
    if (offset !== undefined) {
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

function keyNodeAt(doc: Document, path: readonly (string | number)[]): { range?: [number, number, number] } | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === String(last));
    return pair?.key as { range?: [number, number, number] } | undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as { range?: [number, number, number] };
  return undefined;
}
