import type { ProviderModule } from '../provider-module.js';
import { bindInstaller } from '../provider-module.js';
import { bindReconfigurer } from '../reconfigure.js';
import { ComposeProvider } from './compose-provider.js';
import { composeDetection } from './detect.js';
import { composeRefsSchema } from './refs.js';
import { renderComposeInputs } from './render.js';

/** The compose provider as the registry knows it; its project follows the deployment's name. */
export const composeModule: ProviderModule = {
  id: 'compose',
  detection: composeDetection,
  refs: composeRefsSchema,
  create(settings) {
    const provider = new ComposeProvider(settings.compose);
    return { provider, install: bindInstaller(provider, renderComposeInputs), nameAnswers: (name) => ({ compose_project: name }), reconfigure: bindReconfigurer(provider, renderComposeInputs) };
  },
};
