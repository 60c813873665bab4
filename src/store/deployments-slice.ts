import type { StateCreator } from 'zustand/vanilla';
import type { AppDeps, AppState } from './app-store.js';

/** A deployment as the dashboard lists it. */
export interface DeploymentSummary {
  name: string;
  app: string;
  host: string;
  provider: string;
  urls: string[];
}

/** The deployments the dashboard shows; the wizard refreshes them after an install. */
export interface DeploymentsSlice {
  deployments: DeploymentSummary[];
  refreshDeployments(): Promise<void>;
}

export function createDeploymentsSlice(deps: AppDeps): StateCreator<AppState, [], [], DeploymentsSlice> {
  return (set) => ({
    deployments: [],
    refreshDeployments: async () => {
      try {
        set({ deployments: await deps.loadDeployments() });
      } catch (error) {
        const hint = (error as { hint?: unknown }).hint;
        set({ loadError: { message: (error as Error).message, ...(typeof hint === 'string' ? { hint } : {}) } });
      }
    },
  });
}
