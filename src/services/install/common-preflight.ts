import type { PreflightItem } from '../../providers/provider.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import { checkLocalDisks, localDiskPaths } from '../catalog/local-disk.js';
import type { ProviderId } from '../../platform/recipe/provider-ids.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { listRecords } from '../../platform/deployments/record-store.js';
import type { HostHandle } from '../lifecycle/host-access.js';
import { showCommand } from '../../platform/show-command.js';
import type { Plan } from '../../platform/plan/plan.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { otherOwners, ownedData } from '../../platform/deployments/data-ownership.js';

/**
 * Checks every provider shares: the deployment's name is free on the host (its records), its data
 * paths are no other deployment's and are used over files already there only when agreed, and paths
 * that must be on a local disk (SQLite) are not on a network share.
 */
export async function commonPreflight(host: HostHandle, install: { name: string; recipe: Recipe; provider: ProviderId; answers: Answers; plan: Plan; reuseData?: boolean }): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  const { records, broken } = await listRecords(host.runner);
  items.push(...dataItems(host.name, install, records));
  const clash = records.find((r) => r.name === install.name);
  if (clash?.operation) {
    const { kind, startedAt } = clash.operation;
    items.push({
      status: 'fail',
      label: `an interrupted ${kind} of "${install.name}" waits on ${host.name}`,
      detail: `started ${startedAt}`,
      hint: `finish it first: ${showCommand(['homelab-tui', 'resume', install.name, '--host', host.name])}, or take it back: ${showCommand(['homelab-tui', 'undo', install.name, '--host', host.name])}`,
    });
  } else if (clash) {
    items.push({
      status: 'fail',
      label: `a deployment named "${install.name}" exists on ${host.name}`,
      detail: `${clash.app} ${clash.version} with ${clash.provider}, installed ${clash.createdAt}`,
      hint: 'choose another name with --name, or uninstall it first',
    });
  } else items.push({ status: 'ok', label: `the name "${install.name}" is free on ${host.name}` });
  for (const file of broken) items.push({ status: 'warn', label: `an unreadable deployment record on ${host.name}: ${file.path}`, detail: file.problem, hint: 'fix or remove that file' });
  for (const warning of await checkLocalDisks(host.runner, localDiskPaths(install.recipe, install.provider, install.answers))) {
    items.push({ status: 'warn', label: warning.message, hint: warning.hint });
  }
  return items;
}

/** The data paths the plan's record lists, against other records on the host and what the paths hold. */
function dataItems(hostName: string, install: { name: string; plan: Plan; reuseData?: boolean }, records: readonly DeploymentRecord[]): PreflightItem[] {
  const written = install.plan.steps.find((s) => s.recordChange?.kind === 'write')?.recordChange;
  const entries = written?.kind === 'write' ? ownedData(written.record) : [];
  const items: PreflightItem[] = otherOwners(records, install.name, entries.map((e) => e.path)).map((clash) => ({
    status: 'fail',
    label: `${clash.path} is data of the deployment "${clash.owner}" on ${hostName}`,
    ...(clash.ownerPath !== clash.path ? { detail: `"${clash.owner}" owns ${clash.ownerPath}` } : {}),
    hint: `choose another folder (--set), or another name (--name) so the default folders follow it`,
  }));
  for (const path of install.plan.data?.reused ?? []) {
    items.push(
      install.reuseData
        ? { status: 'ok', label: `${path} already holds files: "${install.name}" uses them (--reuse-data)` }
        : { status: 'warn', label: `${path} already holds files: "${install.name}" would use them`, hint: 'confirm with --reuse-data, or choose another folder (--set) or name (--name)' },
    );
  }
  return items;
}
