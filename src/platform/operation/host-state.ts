/**
 * Where homelab-tui keeps its own files on a managed host: deployment records (the source of truth,
 * next to the services, so any admin's copy of the tool finds them) and operation locks.
 */
export const HOST_STATE_DIR = '/var/lib/homelab-tui';
export const HOST_DEPLOYMENTS_DIR = `${HOST_STATE_DIR}/deployments`;
export const HOST_LOCKS_DIR = `${HOST_STATE_DIR}/locks`;
