// SIMULATOR support: the API methods the simulator implements, by "METHOD /path/template". pct and
// pvesh both go through callApi, which validates every parameter against the endpoint's schema first,
// as PVE's RESTHandler does.
import { downloadAppliance } from './appliances.mjs';
import { createCt, destroyCt, setCt, shutdownCt, startCt, stopCt } from './ct-lifecycle.mjs';
import { deleteSnapshot, listSnapshots, rollbackCt, snapshotCt } from './ct-snapshots.mjs';
import { dieError, paramError } from './pve-error.mjs';
import * as read from './read-api.mjs';
import { taskLog, taskStatus } from './tasks.mjs';
import { validateParams } from './validate.mjs';

const upidOf = (result) => result.upid ?? null;

/** @type {Record<string, (sim: any, p: Record<string, any>) => unknown>} */
export const HANDLERS = {
  'GET /version': (sim) => read.apiVersion(sim),
  'GET /nodes': (sim) => read.nodesList(sim),
  'GET /nodes/{node}/status': (sim) => read.nodeStatus(sim),
  'GET /cluster/resources': (sim, p) => read.clusterResources(sim, p),
  'GET /cluster/nextid': (sim, p) => read.nextId(sim, p),
  'GET /nodes/{node}/lxc': (sim) => read.ctList(sim),
  'POST /nodes/{node}/lxc': (sim, p) => upidOf(createCt(sim, p)),
  'GET /nodes/{node}/lxc/{vmid}/status/current': (sim, p) => read.ctStatus(sim, Number(p.vmid)),
  'POST /nodes/{node}/lxc/{vmid}/status/start': (sim, p) => upidOf(startCt(sim, p)),
  'POST /nodes/{node}/lxc/{vmid}/status/stop': (sim, p) => upidOf(stopCt(sim, p)),
  'POST /nodes/{node}/lxc/{vmid}/status/shutdown': (sim, p) => upidOf(shutdownCt(sim, p)),
  'DELETE /nodes/{node}/lxc/{vmid}': (sim, p) => upidOf(destroyCt(sim, p)),
  'GET /nodes/{node}/lxc/{vmid}/config': (sim, p) => read.ctConfig(sim, p),
  'PUT /nodes/{node}/lxc/{vmid}/config': (sim, p) => (setCt(sim, p), null),
  'GET /nodes/{node}/lxc/{vmid}/interfaces': (sim, p) => read.ctInterfaces(sim, p),
  'POST /nodes/{node}/lxc/{vmid}/snapshot': (sim, p) => upidOf(snapshotCt(sim, p)),
  'GET /nodes/{node}/lxc/{vmid}/snapshot': (sim, p) => listSnapshots(sim, p),
  'POST /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback': (sim, p) => upidOf(rollbackCt(sim, p)),
  'DELETE /nodes/{node}/lxc/{vmid}/snapshot/{snapname}': (sim, p) => upidOf(deleteSnapshot(sim, p)),
  'GET /nodes/{node}/storage': (sim, p) => read.storageList(sim, p),
  'GET /nodes/{node}/storage/{storage}/status': (sim, p) => read.storageStatus(read.findStorage(sim, p.storage)),
  'GET /nodes/{node}/storage/{storage}/content': (sim, p) => read.storageContent(read.findStorage(sim, p.storage), p),
  'GET /nodes/{node}/aplinfo': (sim) => read.aplInfo(sim),
  'POST /nodes/{node}/aplinfo': (sim, p) => downloadAppliance(sim, p),
  'GET /nodes/{node}/network': (sim, p) => read.networkList(sim, p),
  'GET /nodes/{node}/network/{iface}': (sim, p) => read.networkIface(sim, p),
  'GET /nodes/{node}/tasks/{upid}/status': (sim, p) => taskStatus(sim, p.upid),
  'GET /nodes/{node}/tasks/{upid}/log': (sim, p) => taskLog(sim, p.upid, Number(p.start ?? 0), Number(p.limit ?? 50)),
};

/**
 * Validates and runs one API call.
 * @param {any} sim settings
 * @param {{method: string, path: string, parameters: {properties?: Record<string, any>}}} endpoint
 * @param {Record<string, any>} params every parameter, path ones included
 */
export function callApi(sim, endpoint, params) {
  const errors = validateParams(endpoint.parameters.properties ?? {}, params);
  if (Object.keys(errors).length > 0) throw paramError(errors);
  if (params.node !== undefined && params.node !== sim.node) {
    throw dieError(`hostname lookup '${params.node}' failed - failed to get address info for: ${params.node}: Name or service not known`);
  }
  const handler = HANDLERS[`${endpoint.method} ${endpoint.path}`];
  if (!handler) throw dieError(`the homelab-tui lab SIMULATOR does not implement ${endpoint.method} ${endpoint.path}`);
  return handler(sim, params);
}
