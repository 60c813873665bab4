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
});

export type K3sRefs = z.output<typeof k3sRefsSchema>;

export function k3sRefs(record: DeploymentRecord): K3sRefs & { serviceList: string[] } {
  const refs = parseRefs(k3sRefsSchema, record);
  return { ...refs, serviceList: refs.services.split(',') };
}
