import type { HistoryEntry } from '../../platform/operation/history.js';
import { readDeploymentHistory, type DeploymentHistory } from '../../services/lifecycle/history.js';
import { formatTable } from '../format-table.js';
import type { CommandAction } from '../program.js';
import { openSession } from '../session.js';

function took(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function who(by: { user: string; machine: string }): string {
  return `${by.user}@${by.machine}`;
}

function resultOf(entry: HistoryEntry): string {
  return entry.failure ? `${entry.status}: ${entry.failure.title}: ${entry.failure.message}` : entry.status;
}

/** The text of `history NAME`: one row per operation, newest last; with --lines each one's log lines under it. */
export function formatHistory(history: DeploymentHistory, lines: boolean): string {
  const rows = history.entries.map((e) => [when(e.startedAt), e.kind, who(e.by), took(e.durationMs), resultOf(e)]);
  if (history.pending) rows.push([when(history.pending.startedAt), history.pending.kind, who(history.pending.by), '-', `interrupted: ${history.pending.progress}`]);
  const out: string[] = [];
  if (rows.length === 0) out.push(`${history.deployment} on ${history.host} has no history yet`);
  else if (!lines) out.push(formatTable(['WHEN', 'WHAT', 'WHO', 'TOOK', 'RESULT'], rows));
  else {
    for (const e of history.entries) out.push(`${when(e.startedAt)}  ${e.kind}  ${who(e.by)}  ${took(e.durationMs)}  ${resultOf(e)}`, ...e.lines.map((l) => `  ${l}`), '');
    if (history.pending) out.push(`${when(history.pending.startedAt)}  ${history.pending.kind}  ${who(history.pending.by)}  interrupted: ${history.pending.progress}`);
  }
  for (const b of history.broken) out.push(`unreadable history entry ${b.path}: ${b.problem}`);
  return out.join('\n').trimEnd();
}

/** `history NAME`: the operations run on a deployment, as its host keeps them. */
export const historyCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const name = args[0] ?? '';
    const history = await readDeploymentHistory(session.lifecycle, name, typeof options.host === 'string' ? { host: options.host } : {});
    if (options.json === true) ctx.printJson(history);
    else ctx.print(formatHistory(history, options.lines === true));
  } finally {
    await session.close();
  }
};
