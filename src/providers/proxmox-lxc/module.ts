import type { ProviderModule } from '../provider-module.js';
import { bindInstaller } from '../provider-module.js';
import { bindReconfigurer } from '../reconfigure.js';
import { lxcRefsSchema } from './container-ref.js';
import { proxmoxLxcDetection } from './detect.js';
import { lxcProviderOptions, ProxmoxLxcProvider } from './proxmox-lxc-provider.js';
import { renderLxcInputs } from './render.js';

/** The Proxmox LXC provider as the registry knows it; the container's host name follows the deployment's name (an RFC 1123 label). */
export const proxmoxLxcModule: ProviderModule = {
  id: 'proxmox-lxc',
  detection: proxmoxLxcDetection,
  refs: lxcRefsSchema,
  create(settings) {
    const provider = new ProxmoxLxcProvider(lxcProviderOptions(settings.proxmoxLxc));
    return { provider, install: bindInstaller(provider, renderLxcInputs), nameAnswers: (name) => ({ lxc_hostname: name }), reconfigure: bindReconfigurer(provider, renderLxcInputs) };
  },
};
