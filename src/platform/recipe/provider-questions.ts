import { questionSchema, type Question, type QuestionInput } from './question-schema.js';
import type { ProviderId } from './provider-ids.js';
import type { Recipe } from './recipe-schema.js';

/** Question ids starting with these belong to a provider; recipes may not use them. */
export const PROVIDER_PREFIXES: Record<ProviderId, string> = { compose: 'compose_', 'proxmox-lxc': 'lxc_', k3s: 'k3s_' };

/** The heading a provider's questions sit under on the wizard's questions screen. */
export const PROVIDER_SECTIONS: Record<ProviderId, string> = { compose: 'Compose', 'proxmox-lxc': 'Container', k3s: 'Kubernetes' };

/** Provider questions that size the deployment: the wizard shows them under "Resources". */
export const RESOURCE_QUESTION_IDS: ReadonlySet<string> = new Set(['lxc_cores', 'lxc_memory', 'lxc_disk']);

/** True for the ids of provider questions (lxc_cores …), which are not the app's own. */
export function isProviderQuestionId(id: string): boolean {
  return Object.values(PROVIDER_PREFIXES).some((prefix) => id.startsWith(prefix));
}

/**
 * Questions every app asks on a provider: where and how big (LXC), which project (compose), which
 * namespace and host name (k3s). Defaults and lower bounds come from the recipe's resources and minimums.
 */
export function providerQuestions(recipe: Pick<Recipe, 'id' | 'minimums' | 'proxmox-lxc' | 'k3s'>, provider: ProviderId): Question[] {
  return inputsFor(recipe, provider).map((q) => questionSchema.parse(q));
}

function inputsFor(recipe: Pick<Recipe, 'id' | 'minimums' | 'proxmox-lxc' | 'k3s'>, provider: ProviderId): QuestionInput[] {
  switch (provider) {
    case 'compose':
      return [
        {
          id: 'compose_project',
          type: 'string',
          label: 'Compose project name',
          help: 'Names the containers and networks; one project per deployment on a host.',
          pattern: '[a-z0-9][a-z0-9_-]{0,62}',
          patternHint: 'lower-case letters, digits, _ and -, starting with a letter or digit',
          default: recipe.id,
          advanced: true,
        },
      ];
    case 'proxmox-lxc': {
      const resources = recipe['proxmox-lxc']?.resources ?? { cores: recipe.minimums.cores, memory: recipe.minimums.memory, disk: recipe.minimums.disk };
      return [
        { id: 'lxc_hostname', type: 'hostname', label: 'Container host name', default: recipe.id },
        { id: 'lxc_ctid', type: 'integer', label: 'Container id', help: 'Leave empty to take the next free id.', min: 100, max: 999_999_999, required: false, advanced: true },
        { id: 'lxc_cores', type: 'cores', label: 'CPU cores', min: recipe.minimums.cores, default: resources.cores },
        { id: 'lxc_memory', type: 'memory', label: 'Memory', min: recipe.minimums.memory, default: resources.memory },
        { id: 'lxc_disk', type: 'size', label: 'Root disk size', min: recipe.minimums.disk, default: resources.disk },
        {
          id: 'lxc_storage',
          type: 'string',
          label: 'Proxmox storage for the root disk',
          pattern: '[A-Za-z][A-Za-z0-9_.-]{0,63}',
          patternHint: 'a Proxmox storage id such as local-lvm',
          default: 'local-lvm',
          advanced: true,
        },
        {
          id: 'lxc_bridge',
          type: 'string',
          label: 'Network bridge',
          pattern: '[A-Za-z][A-Za-z0-9_.-]{0,14}',
          patternHint: 'a Linux bridge name (at most 15 characters) such as vmbr0',
          default: 'vmbr0',
          advanced: true,
        },
        { id: 'lxc_ip', type: 'ipv4-cidr', label: 'IPv4 address', help: 'dhcp, or a static address with prefix such as 192.168.1.50/24.', allowDhcp: true, default: 'dhcp' },
        { id: 'lxc_gateway', type: 'ipv4', label: 'IPv4 gateway', inSubnetOf: 'lxc_ip', when: { lxc_ip: { not: 'dhcp' } } },
        {
          id: 'lxc_nameserver',
          type: 'ipv4',
          label: 'DNS server for the container',
          help: 'Leave empty to use the Proxmox node\'s DNS settings (pct create copies them).',
          required: false,
          advanced: true,
        },
        {
          id: 'lxc_searchdomain',
          type: 'domain',
          label: 'DNS search domain for the container',
          help: 'Such as lan or home.arpa; leave empty to use the Proxmox node\'s.',
          required: false,
          advanced: true,
        },
        { id: 'lxc_vlan', type: 'vlan', label: 'VLAN tag', help: 'Leave empty for an untagged network.', required: false, advanced: true },
        {
          id: 'lxc_apt_proxy',
          type: 'url',
          label: 'apt proxy for the container',
          help: 'An apt cache such as apt-cacher-ng (http://HOST:3142). Leave empty for proxmoxLxc.aptProxy from settings.yaml, or none.',
          required: false,
          advanced: true,
        },
      ];
    }
    case 'k3s':
      return [
        {
          id: 'k3s_namespace',
          type: 'string',
          label: 'Kubernetes namespace',
          pattern: '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?',
          patternHint: 'an RFC 1123 label: lower-case letters, digits and inner -, at most 63',
          default: recipe.id,
        },
        {
          id: 'k3s_storage_class',
          type: 'string',
          label: 'Storage class for data volumes',
          pattern: '[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?',
          patternHint: 'a storage class name such as local-path',
          default: 'local-path',
          advanced: true,
        },
        // Only recipes that name a port to route to can have an Ingress.
        ...(recipe.k3s?.ingressPort
          ? [{ id: 'k3s_ingress_host', type: 'domain', label: 'Host name for an Ingress', help: 'Leave empty for no Ingress (reach the app through its Service).', required: false } as const]
          : []),
      ];
  }
}
