import { describe, expect, it } from 'vitest';
import { fixedQuestions } from '../../../../src/services/reconfigure/fixed-questions.js';
import { ComposeProvider } from '../../../../src/providers/compose/compose-provider.js';
import { ProxmoxLxcProvider } from '../../../../src/providers/proxmox-lxc/proxmox-lxc-provider.js';
import { K3sProvider } from '../../../../src/providers/k3s/k3s-provider.js';
import type { K3sSettings } from '../../../../src/platform/config/k3s-settings.js';
import { shippedRecipe } from '../../../support/catalog.js';
import type { ComposeSettings } from '../../../../src/platform/config/compose-settings.js';

describe('the questions reconfigure does not change in place (fixed in the wizard\'s edit mode)', () => {
  it('compose: the version and the project; the port and data folder stay editable (a data folder is refused at preflight)', async () => {
    const fixed = fixedQuestions(await shippedRecipe('labapp'), 'compose', new ComposeProvider({} as ComposeSettings));
    expect(fixed).toEqual({ version: 'a new version is an update', compose_project: 'the project follows the deployment' });
  });

  it('proxmox-lxc: everything but cores and memory', async () => {
    const fixed = fixedQuestions(await shippedRecipe('labapp'), 'proxmox-lxc', new ProxmoxLxcProvider());
    expect(fixed.lxc_cores).toBeUndefined();
    expect(fixed.lxc_memory).toBeUndefined();
    expect(fixed).toMatchObject({ version: 'a new version is an update', lxc_hostname: expect.any(String), lxc_ip: expect.any(String), lxc_disk: expect.any(String) });
  });

  it('k3s: the version, the namespace and the storage class (the data stays on its PVCs); the Ingress host stays editable', async () => {
    const fixed = fixedQuestions(await shippedRecipe('labapp'), 'k3s', new K3sProvider({} as K3sSettings));
    expect(fixed).toEqual({ version: 'a new version is an update', k3s_namespace: 'the namespace follows the deployment', k3s_storage_class: 'the data stays on its PVCs' });
  });

  it('the database kind and secrets', async () => {
    const fixed = fixedQuestions(await shippedRecipe('vikunja'), 'compose', new ComposeProvider({} as ComposeSettings));
    expect(fixed).toMatchObject({ db_type: 'the database kind moves the data', service_secret: 'a secret stays as it is on the host' });
  });
});
