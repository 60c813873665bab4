import type { RenderedCommon } from '../../src/services/catalog/render/types.js';
import type { DeploymentRecord, ProviderId } from '../../src/services/deployments/deployment-record.js';

/** A fresh record for a deployment about to be installed, as an install pipeline hands it to a provider. */
export function newRecord(name: string, inputs: Pick<RenderedCommon, 'app' | 'version'>, provider: ProviderId = 'proxmox-lxc', host = 'pve'): DeploymentRecord {
  const now = new Date(0).toISOString();
  return { schema: 1, name, app: inputs.app, version: inputs.version, provider, host, createdAt: now, updatedAt: now, answers: {}, secretKeys: [], refs: {}, urls: [], releases: [] };
}
