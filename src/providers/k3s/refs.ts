import { z } from 'zod';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { parseRefs } from '../refs.js';

/** The k3s provider's part of a deployment record: where its objects are. */
export const k3sRefsSchema = z.looseObject({
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/),
  /** The workloads (one per recipe service), comma-separated; the first is the app unless `main` says. */
  services: z.string().min(1),
  main: z.string().min(1),
  /** The Service and port the app's probe goes to through the API server's Service proxy. */
  probeService: z.string().min(1),
  probePort: z.number().int(),
  /** The HTTP probe's path and the text its answer must hold (absent: a TCP probe, readiness only). */
  probePath: z.string().optional(),
  probeBody: z.string().optional(),
  /**
   * A workload adopted as it ran (made by hand, not labelled by homelab-tui): its workloads as
   * SERVICE=KIND/NAME (the recipe's service it runs) in `services` order, each with its pod selector (`k=v;k=v`, `|` between workloads), found
   * by name and selector instead of homelab-tui's labels; the Services and Ingress around it
   * (uninstall deletes them); its PVCs (never deleted: homelab-tui did not create them).
   */
  adoptedWorkloads: z.string().optional(),
  adoptedSelectors: z.string().optional(),
  adoptedObjects: z.string().optional(),
  adoptedClaims: z.string().optional(),
});

export type K3sRefs = z.output<typeof k3sRefsSchema>;

/** An adopted deployment's workloads: kind, name and pod selector each. */
export interface AdoptedWorkload {
  /** The recipe's service it runs. */
  service: string;
  kind: string;
  name: string;
  selector: Record<string, string>;
}

export function k3sRefs(record: DeploymentRecord): K3sRefs & { serviceList: string[]; adopted?: AdoptedWorkload[] } {
  const refs = parseRefs(k3sRefsSchema, record);
  return { ...refs, serviceList: refs.services.split(','), ...(refs.adoptedWorkloads ? { adopted: adoptedOf(refs.adoptedWorkloads, refs.adoptedSelectors ?? '') } : {}) };
}

function adoptedOf(workloads: string, selectors: string): AdoptedWorkload[] {
  const each = selectors.split('|');
  return workloads.split(',').map((entry, i) => {
    const [service = '', ref = ''] = entry.split('=');
    const [kind = '', name = ''] = ref.split('/');
    const selector = Object.fromEntries((each[i] ?? '').split(';').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    return { service, kind, name, selector };
  });
}

/** A pod selector as the record keeps it (`k=v;k=v`). */
export function selectorText(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(';');
}
