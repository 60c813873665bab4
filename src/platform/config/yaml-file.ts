import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';

/** A place in a file, 1-based, for messages a user can act on. */
export interface FilePosition {
  line: number;
  column: number;
}

/**
 * Reads a YAML file and checks it with a zod schema. Any problem becomes one UserError that names the
 * file, the line and column, the field path and what is allowed. A missing file yields `undefined`.
 */
export async function readYamlFile<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${path}: ${(error as Error).message}`, 'check the file permissions');
  }
  return parseYamlText(text, path, schema);
}

/** Parses YAML text (named `source` in messages) and validates it; see readYamlFile. */
export function parseYamlText<S extends z.ZodType>(text: string, source: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new UserError(
      `${source}:${pos.line}:${pos.col}: invalid YAML: ${firstLine(syntax.message)}`,
      'fix the syntax at that place (indentation, a missing colon or quote are the usual causes)',
    );
  }
  const data: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new UserError(`${source}: invalid content`);
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // Point at the unknown key itself rather than at the object holding it.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
  const pos = positionOf(doc, path, lineCounter) ?? { line: 1, column: 1 };
  const field = path.length > 0 ? formatPath(path) : '(top level)';
  throw new UserError(`${source}:${pos.line}:${pos.column}: ${field}: ${issue.message}`, hintFor(issue));
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
    const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
    return pair?.key as { range?: [number, number, number] } | undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as { range?: [number, number, number] };
  return undefined;
}

/** `hosts[2].port` style. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `remove ${issue.keys.join(', ')}, or check the spelling`;
    case 'too_small':
      return `the minimum is ${String(issue.minimum)}`;
    case 'too_big':
      return `the maximum is ${String(issue.maximum)}`;
    case 'custom':
      // A refinement may carry its own advice (what is allowed) in params.hint.
      return typeof issue.params?.hint === 'string' ? issue.params.hint : 'see the documentation of this file in the README';
    default:
      return 'see the documentation of this file in the README';
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
