import type { RenderedCommon } from '../../src/platform/recipe/render/rendered.js';
import type { DeploymentRecord } from '../../src/platform/deployments/deployment-record.js';
import type { ProviderId } from '../../src/providers/registry.js';

/** A fresh record for a deployment about to be installed, as an install pipeline hands it to a provider. */
export function newRecord(name: string, inputs: Pick<RenderedCommon, 'app' | 'version'>, provider: ProviderId = 'proxmox-lxc', host = 'pve'): DeploymentRecord {
  const now = new Date(0).toISOString();
  return { schema: 1, name, app: inputs.app, version: inputs.version, provider, host, createdAt: now, updatedAt: now, answers: {}, secretKeys: [], refs: {}, urls: [], releases: [] };
}
