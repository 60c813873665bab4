import type { ProviderModule } from '../provider-module.js';
import { k3sDetection } from './detect.js';

/**
 * k3s as the registry knows it so far: detected on hosts (the wizard shows the cluster it found) with
 * its renderer (render.ts) and inputs (inputs.ts); `create` (the provider and its installer) comes next.
 */
export const k3sModule: ProviderModule = {
  id: 'k3s',
  detection: k3sDetection,
};
