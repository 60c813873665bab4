import type { ProviderModule } from '../provider-module.js';
import { bindInstaller } from '../provider-module.js';
import { bindReconfigurer } from '../reconfigure.js';
import { k3sDetection } from './detect.js';
import { K3sProvider } from './k3s-provider.js';
import { k3sRefsSchema } from './refs.js';
import { renderK3sInputs } from './render.js';

/** The k3s provider as the registry knows it: kubectl on the host, one namespace per deployment. */
export const k3sModule: ProviderModule = {
  id: 'k3s',
  detection: k3sDetection,
  refs: k3sRefsSchema,
  create(settings) {
    const provider = new K3sProvider(settings.k3s);
    return { provider, install: bindInstaller(provider, renderK3sInputs), nameAnswers: (name) => ({ k3s_namespace: name }), reconfigure: bindReconfigurer(provider, renderK3sInputs) };
  },
};
