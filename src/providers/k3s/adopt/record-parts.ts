import type { DeploymentRecord } from '../../../platform/deployments/deployment-record.js';
import type { WorkloadFingerprint } from './fingerprint.js';
import type { K3sRecipeMatch } from './match-recipe.js';

/** Where the app's probe goes for an adopted workload: the Service in front of the recipe's probed port. */
export interface AdoptedProbe {
  service: string;
  port: number;
  path?: string;
  body?: string;
  /** No Service fronts the port: status reads the pods' readiness only, and no gate probes through a Service. */
  noService?: boolean;
}

/**
 * The recipe's probe on the workload as it runs: the probed service's port (by the recipe's port name)
 * is a container port; the Service whose port targets it (by number or by the container port's name)
 * is where install's gates probe through the API server.
 */
export function probeOf(fp: WorkloadFingerprint, match: K3sRecipeMatch): AdoptedProbe {
  const health = match.recipe.health;
  const specs = match.recipe.k3s?.services ?? [];
  const probed = specs.find((s) => s.name === (health.service ?? specs[0]?.name));
  const containerPort = Number(probed?.ports.find((p) => p.name === health.port)?.container ?? 0);
  const container = fp.containers.find((c) => c.name === match.containers[probed?.name ?? '']);
  const portName = container?.ports.find((p) => p.container === containerPort)?.name;
  for (const service of fp.services) {
    const port = service.ports.find((p) => p.target === containerPort || (portName !== undefined && p.target === portName));
    if (port) return { service: service.name, port: port.port, ...(health.kind === 'http' ? { path: health.path, ...(health.body !== undefined ? { body: health.body } : {}) } : {}) };
  }
  return { service: fp.name, port: containerPort, noService: true };
}

/** What the user should know about the record: the data kept, the secrets not read, how homelab-tui finds the workload. */
export function adoptionNotes(fp: WorkloadFingerprint, match: K3sRecipeMatch, record: DeploymentRecord, labels: readonly string[]): string[] {
  const notes: string[] = [];
  for (const claim of fp.claims) {
    const mount = fp.containers.flatMap((c) => c.mounts).find((m) => m.volume === claim.volume);
    notes.push(`data: PVC ${fp.namespace}/${claim.claim}${claim.size ? ` (${claim.size})` : ''}${mount ? ` at ${mount.path}` : ''} stays where it is; uninstall keeps it, --purge too (homelab-tui did not create it)`);
  }
  for (const c of fp.containers) {
    for (const e of c.env.filter((x) => x.secret)) notes.push(`env ${e.name} of ${c.name} comes from Secret ${e.secret?.name ?? ''} (key ${e.secret?.key ?? ''}): not read, it stays there`);
  }
  const probe = probeOf(fp, match);
  if (probe.noService) notes.push(`no Service fronts container port ${probe.port}: status reads the pods' readiness only, and update's gate waits for the rollout without probing ${match.recipe.health.kind === 'http' ? match.recipe.health.path : 'the port'}`);
  const unmatched = fp.containers.filter((c) => !Object.values(match.containers).includes(c.name));
  if (unmatched.length) notes.push(`containers the recipe does not know stay as they are: ${unmatched.map((c) => `${c.name} (${c.image})`).join(', ')}`);
  notes.push(
    `homelab-tui finds ${fp.kind} ${fp.namespace}/${fp.name}, its pods (${Object.entries(fp.selector).map(([k, v]) => `${k}=${v}`).join(',') || 'no selector'}) and ${record.refs.adoptedObjects ?? 'no Service'} by the names in its record: nothing on the cluster changed, and the labels an install sets (${labels.join(', ')}) are not added; an update applies the workload server-side as field manager homelab-tui`,
  );
  return notes;
}
