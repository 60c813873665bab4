import type { DeploymentRef } from '../services/fleet/fleet-reading.js';

/** The dashboard's screens beyond the fleet list: one deployment's details, and logs. */
export type FleetRoute = { name: 'details'; ref: DeploymentRef } | { name: 'logs'; ref: DeploymentRef; service?: string };
