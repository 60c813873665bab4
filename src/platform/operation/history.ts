import { z } from 'zod';
import type { Clock } from '../clock.js';
import { CommandError, tailOf } from '../errors.js';
import { redact } from '../logger.js';
import type { Plan } from '../plan/plan.js';
import type { Command, CommandRunner } from '../runner/command-runner.js';
import type { Holder } from './holder.js';
import type { OperationEvent, OperationStatus } from './operation-events.js';
import { HOST_STATE_DIR } from './host-state.js';

/** Where each deployment's finished operations are kept on its host: `<dir>/<deployment>/<operation id>.json`. */
export const HOST_HISTORY_DIR = `${HOST_STATE_DIR}/history`;

/** How many entries a deployment keeps on its host (the oldest go first). */
export const HISTORY_KEEP = 200;

/** How many log lines one entry keeps (the last ones: the end of a failure is what matters). */
const MAX_LINES = 300;
const MAX_LINE_CHARS = 500;
const HISTORY_WRITE_TIMEOUT_MS = 10_000;

/**
 * One finished operation as its host keeps it. Loose: a newer tool may add fields (update adds
 * `details` with from/to versions and image digests), which an older one keeps and ignores.
 */
export const historyEntrySchema = z.looseObject({
  schema: z.number().int().min(1),
  id: z.string(),
  kind: z.string(),
  deployment: z.string(),
  host: z.string(),
  app: z.string(),
  provider: z.string(),
  by: z.looseObject({ user: z.string(), machine: z.string(), pid: z.number().int(), tool: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  /** How it ended (OperationStatus today: succeeded, failed, cancelled, undone, undo-incomplete, kept). */
  status: z.string(),
  steps: z.array(z.looseObject({ title: z.string(), state: z.string() })),
  failure: z.looseObject({ step: z.number().int(), title: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  /** What the plan adds for its kind (update: versions, digests); free-form. */
  details: z.record(z.string(), z.unknown()).optional(),
  /** The operation's progress and output lines, secrets masked, the last ones when there were many. */
  lines: z.array(z.string()),
});

export type HistoryEntry = z.output<typeof historyEntrySchema>;

export const HISTORY_SCHEMA = 1;

type StepState = 'pending' | 'done' | 'failed' | 'undone';

/** Collects an operation's events into its history entry. */
export interface HistoryRecorder {
  onEvent(event: OperationEvent): void;
  entry(status: OperationStatus, failure?: { step: number; title: string; message: string; hint?: string }): HistoryEntry;
}

export function historyRecorder(plan: Plan, options: { id: string; holder: Holder; clock: Clock }): HistoryRecorder {
  const started = options.clock.now();
  const lines: string[] = [];
  const states: StepState[] = plan.steps.map(() => 'pending');
  const add = (line: string) => {
    lines.push(redact(line, plan.secrets).slice(0, MAX_LINE_CHARS));
    if (lines.length > MAX_LINES) lines.shift();
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'step':
          add(`[${event.index + 1}/${event.total}] ${event.title}`);
          break;
        case 'output':
          add(`  ${event.line}`);
          break;
        case 'step-done':
          states[event.index] = 'done';
          break;
        case 'failed':
          states[event.index] = 'failed';
          add(`✗ ${event.title}: ${event.message}${event.hint ? ` (${event.hint})` : ''}`);
          break;
        case 'undo-step':
          states[event.index] = 'undone';
          add(`undo: ${event.title}`);
          break;
        case 'undo-failed':
          add(`✗ undo of ${event.title}: ${event.message}`);
          break;
        case 'finished':
          add(`${event.status} in ${(event.durationMs / 1000).toFixed(1)} s`);
          break;
        default:
          break;
      }
    },
    entry(status, failure) {
      const finished = options.clock.now();
      return {
        schema: HISTORY_SCHEMA,
        id: options.id,
        kind: plan.kind,
        deployment: plan.deployment,
        host: plan.host,
        app: plan.app,
        provider: plan.provider,
        by: { ...options.holder },
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - started,
        status,
        steps: plan.steps.map((step, i) => ({ title: step.title, state: states[i] ?? 'pending' })),
        ...(failure ? { failure: { ...failure, message: redact(failure.message, plan.secrets) } } : {}),
        ...(plan.history ? { details: { ...plan.history } } : {}),
        lines: [...lines],
      };
    },
  };
}

// The entry on stdin, the path and the count to keep as arguments: nothing is parsed by a shell. The
// glob sorts by name, and ids start with their UTC time, so the first files are the oldest.
const WRITE_SCRIPT = `set -e; umask 077; d=$(dirname "$1"); mkdir -p "$d"
t="$1.hl-tmp.$$"; cat > "$t"; chmod 0600 "$t"; mv -f "$t" "$1"
set -- "$d"/*.json; keep=$2
while [ $# -gt "$keep" ]; do rm -f -- "$1"; shift; done`;

export function historyPath(deployment: string, id: string, dir = HOST_HISTORY_DIR): string {
  return `${dir}/${deployment}/${id}.json`;
}

/** The command writeHistoryEntry runs, as data. */
export function writeHistoryCommand(entry: HistoryEntry, dir = HOST_HISTORY_DIR, keep = HISTORY_KEEP): Command {
  // Bounded: a host that went away during the operation must not hold its end up for long.
  return { argv: ['sh', '-c', WRITE_SCRIPT, 'sh', historyPath(entry.deployment, entry.id, dir), String(keep)], stdin: `${JSON.stringify(historyEntrySchema.parse(entry))}\n`, timeoutMs: HISTORY_WRITE_TIMEOUT_MS };
}

/** Writes one entry on the deployment's host (mode 0600, atomically), dropping the oldest past `keep`. */
export async function writeHistoryEntry(runner: CommandRunner, entry: HistoryEntry, dir = HOST_HISTORY_DIR): Promise<void> {
  const command = writeHistoryCommand(entry, dir);
  const result = await runner.run(command);
  if (result.exitCode !== 0) throw new CommandError(['write history', historyPath(entry.deployment, entry.id, dir)], result.exitCode, runner.host, tailOf(result.stderr));
}

const LIST_SCRIPT = 'for f in "$1"/*.json; do [ -f "$f" ] || continue; printf "%s\\t" "$f"; tr -d "\\n" < "$f"; printf "\\n"; done';

/** The command listHistory runs, as data. */
export function listHistoryCommand(deployment: string, dir = HOST_HISTORY_DIR): Command {
  return { argv: ['sh', '-c', LIST_SCRIPT, 'sh', `${dir}/${deployment}`] };
}

/** A history file that could not be read: its path and why (never its content). */
export interface BrokenHistoryEntry {
  path: string;
  problem: string;
}

/** A deployment's entries on its host, oldest first, in one round trip; unreadable files come back as `broken`. */
export async function listHistory(runner: CommandRunner, deployment: string, dir = HOST_HISTORY_DIR): Promise<{ entries: HistoryEntry[]; broken: BrokenHistoryEntry[] }> {
  const result = await runner.run(listHistoryCommand(deployment, dir));
  if (result.exitCode !== 0) throw new CommandError(['list history', `${dir}/${deployment}`], result.exitCode, runner.host, tailOf(result.stderr));
  return parseHistoryListing(result.stdout);
}

/** Parses `path<TAB>json` lines (pure, for tests). */
export function parseHistoryListing(text: string): { entries: HistoryEntry[]; broken: BrokenHistoryEntry[] } {
  const entries: HistoryEntry[] = [];
  const broken: BrokenHistoryEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    const path = line.slice(0, tab);
    try {
      const parsed = historyEntrySchema.safeParse(JSON.parse(line.slice(tab + 1)));
      if (parsed.success) entries.push(parsed.data);
      else broken.push({ path, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    } catch {
      broken.push({ path, problem: 'not JSON' });
    }
  }
  entries.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return { entries, broken };
}
