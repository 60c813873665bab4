import { expect } from 'vitest';
import type { AppDeps } from '../../src/store/app-store.js';
import { shippedCatalog } from './catalog.js';
import { dockerFacts, okCheck, pveFacts, bareFacts } from './host-facts.js';
import { KEYS, renderApp, waitFor } from './render-app.js';
import { fakeWizardBackend, type FakeBackendOptions } from './wizard-backend.js';

/** The lab-like hosts a wizard test offers unless it says otherwise: a Docker host, a Proxmox node, a bare host. */
export function defaultHosts(): FakeBackendOptions['hosts'] {
  return [
    { choice: { name: 'docker', kind: 'ssh', address: '10.0.0.2' }, check: async () => okCheck('docker', dockerFacts()) },
    { choice: { name: 'pve', kind: 'ssh', address: '10.0.0.3' }, check: async () => okCheck('pve', pveFacts()) },
    { choice: { name: 'bare', kind: 'ssh', address: '10.0.0.5' }, check: async () => okCheck('bare', bareFacts()) },
  ];
}

/** The whole app with the wizard open over a fake backend (real form model, Operation on a FakeRunner). */
export async function openWizard(options: Partial<FakeBackendOptions> & { appDeps?: Partial<AppDeps> } = {}) {
  const catalog = await shippedCatalog();
  const fake = fakeWizardBackend({ catalog, hosts: defaultHosts(), ...options });
  const app = renderApp({
    deps: {
      ...options.appDeps,
      loadWizard: async (ui) => {
        options.onUi?.(ui);
        return fake.backend;
      },
    },
  });
  await waitFor(() => expect(app.frame()).toContain('Press i to install'));
  await app.press('i');
  await waitFor(() => expect(app.frame()).toContain('Step 1/7'));
  return {
    ...app,
    ...fake,
    /** Moves the list cursor down until `label` is selected (fails after 20 moves). */
    select: async (label: string) => {
      // Down to `label`; at the bottom of the list (the cursor stops moving), up instead.
      for (const key of [KEYS.down, KEYS.up]) {
        for (let i = 0; i < 20 && !selected(app.frame(), label); i++) {
          const before = cursorLine(app.frame());
          await app.press(key);
          // One move at a time: the next key only once the cursor is drawn where this one put it.
          const moved = await waitFor(() => expect(cursorLine(app.frame())).not.toBe(before), 300).then(() => true, () => false);
          if (!moved) break;
        }
      }
      await waitFor(() => expect(selected(app.frame(), label)).toBe(true));
    },
    /** Waits for the frame to contain `text`. */
    sees: (text: string | RegExp, timeoutMs?: number) => waitFor(() => (typeof text === 'string' ? expect(app.frame()).toContain(text) : expect(app.frame()).toMatch(text)), timeoutMs),
  };
}

function cursorLine(frame: string): string | undefined {
  return frame.split('\n').find((line) => line.includes('▸ '));
}

function selected(frame: string, label: string): boolean {
  return frame.split('\n').some((line) => line.includes(`▸ ${label}`));
}

/** Drives the app, host and provider steps by keys: labapp on docker with compose. */
export async function toQuestions(app: Awaited<ReturnType<typeof openWizard>>, options: { app?: string; host?: string; provider?: string } = {}) {
  await app.select(options.app ?? 'Lab app');
  await app.press(KEYS.enter);
  await app.sees('Step 2/7');
  await app.sees('✓ docker-compose');
  await app.select(options.host ?? 'docker');
  await app.press(KEYS.enter);
  await app.sees('Step 3/7');
  await app.select(options.provider ?? 'Docker/Podman compose');
  await app.press(KEYS.enter);
  await app.sees('Step 4/7');
  await app.sees('Deployment name');
}
