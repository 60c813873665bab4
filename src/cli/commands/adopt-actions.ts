import { listRecords, writeRecord } from '../../platform/deployments/record-store.js';
import { UserError } from '../../platform/errors.js';
import { showCommand } from '../../platform/show-command.js';
import type { AdoptionProposal } from '../../providers/provider.js';
import { planAdoption } from '../../services/adopt/discover.js';
import type { CommandAction } from '../program.js';
import { confirm } from '../prompt.js';
import { openSession } from '../session.js';

/** What adopt found, in words: what runs, the recipe, each answer with what it was read from. */
export function formatAdoption(host: string, plan: AdoptionProposal): string {
  const { workload, record } = plan;
  const answers = Object.entries(record.answers).filter(([key]) => key in plan.evidence);
  return [
    `${workload.name} on ${host}: ${workload.summary}`,
    `  is ${plan.recipe.name} (${plan.recipe.id}) version ${record.version}: services ${Object.entries(plan.services).map(([recipe, own]) => (recipe === own ? own : `${own} (the recipe's ${recipe})`)).join(', ')}`,
    ...answers.map(([key, value]) => `  ${key} = ${String(value)}   (${plan.evidence[key] ?? 'read from what runs'})`),
    ...plan.notes.map((n) => `  note: ${n}`),
    // A k3s record keeps its probe and data in its refs (the Service, the PVCs): its notes say them.
    record.provider === 'k3s'
      ? `  the record: deployment ${record.name}, provider k3s`
      : `  the record: deployment ${record.name}${record.probe ? `, probed on port ${record.probe.port}` : ', no probe (its port is not published)'}; data ${(record.data ?? []).map((d) => d.path).join(', ') || 'none found'} (kept by uninstall, never removed by --purge: homelab-tui did not create it)`,
  ].join('\n');
}

/** `adopt NAME --host H`: write a record for a compose project, an LXC container or a k3s workload that runs without one; nothing on the host changes but the record. */
export const adoptCommand: CommandAction = async (ctx, args, options) => {
  const session = await openSession(ctx);
  try {
    const host = typeof options.host === 'string' ? options.host : '';
    if (!session.hosts.names().includes(host)) throw new UserError(`no host named "${host}"`, `known hosts: ${session.hosts.names().join(', ')}`);
    const handle = await session.hosts.open(host);
    const request = { name: args[0] ?? '', ...(typeof options.app === 'string' ? { app: options.app } : {}), ...(typeof options.name === 'string' ? { deployment: options.name } : {}), sets: (options.set as string[] | undefined) ?? [] };
    const { records } = await listRecords(handle.runner);
    const plan = await planAdoption(session.registry, handle, (await session.recipes.catalog()).recipes, request, records, session.clock);
    const json = options.json === true;
    const summary = { host, adopts: plan.workload.name, provider: plan.workload.provider, name: plan.record.name, app: plan.record.app, version: plan.record.version, answers: plan.record.answers, evidence: plan.evidence, notes: plan.notes };
    if (options.dryRun === true) {
      if (json) ctx.printJson({ adopted: false, ...summary, record: plan.record });
      else ctx.print(`${formatAdoption(host, plan)}\n(dry run: nothing written)`);
      return;
    }
    if (!json) ctx.print(formatAdoption(host, plan));
    if (options.yes !== true) {
      if (!ctx.interactive) throw new UserError('adopt asks before it writes the record', 'run it again with --yes (or --dry-run to only look)', 2);
      if (!(await confirm(`Write the record of ${plan.record.name} on ${host}? Nothing else changes`))) throw new UserError('nothing was written', undefined, 1);
    }
    await writeRecord(handle.runner, plan.record);
    if (json) ctx.printJson({ adopted: true, ...summary });
    else {
      ctx.print(`adopted ${plan.workload.name} as ${plan.record.name} on ${host}; nothing on the host changed but its record`);
      ctx.print(`  see what homelab-tui would change: ${showCommand(['homelab-tui', 'reconfigure', plan.record.name, '--host', host, '--dry-run'])}`);
    }
  } finally {
    await session.close();
  }
};
