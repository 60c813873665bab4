/** The kinds of target a recipe can be installed on; each has a section of the same name in a recipe. */
export const PROVIDERS = ['compose', 'proxmox-lxc', 'k3s'] as const;

export type ProviderId = (typeof PROVIDERS)[number];

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  compose: 'Docker/Podman compose',
  'proxmox-lxc': 'Proxmox LXC container',
  k3s: 'Kubernetes',
};

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDERS as readonly string[]).includes(value);
}
