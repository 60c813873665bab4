/** The labels every object homelab-tui applies carries, and the selector that finds a deployment's objects. */
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const INSTANCE = 'app.kubernetes.io/instance';
export const COMPONENT = 'app.kubernetes.io/component';
export const FIELD_MANAGER = 'homelab-tui';

export function deploymentLabels(deployment: string, component?: string): Record<string, string> {
  return { [MANAGED_BY]: 'homelab-tui', [INSTANCE]: deployment, ...(component ? { [COMPONENT]: component } : {}) };
}

/** `-l` selector of a deployment's objects (all of them, or one service's). */
export function deploymentSelector(deployment: string, component?: string): string {
  return Object.entries(deploymentLabels(deployment, component))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
