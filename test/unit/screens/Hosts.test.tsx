import { describe, expect, it } from 'vitest';
import type { SshInteraction } from '../../../src/platform/ssh/interaction.js';
import type { HostEntry, HostInput, HostsService } from '../../../src/services/hosts/hosts-service.js';
import { dockerFacts, okCheck } from '../../support/host-facts.js';
import { KEYS, renderApp, waitFor } from '../../support/render-app.js';

/** An in-memory inventory behind the HostsService interface; `check` asks `ui` about nas's new key. */
function fakeHosts(deployments: Record<string, string[]> = {}) {
  const entries: HostEntry[] = [{ name: 'local', kind: 'local', address: '' }];
  const calls: string[] = [];
  let ui: SshInteraction | undefined;
  const entryOf = (input: HostInput): HostEntry => ({ kind: 'ssh', ...input });
  const service: HostsService = {
    list: async () => [...entries],
    add: async (input) => {
      calls.push(`add ${JSON.stringify(input)}`);
      entries.push(entryOf(input));
      return entryOf(input);
    },
    edit: async (name, input) => {
      calls.push(`edit ${name} ${JSON.stringify(input)}`);
      entries.splice(entries.findIndex((e) => e.name === name), 1, entryOf(input));
      return entryOf(input);
    },
    remove: async (name) => {
      calls.push(`remove ${name}`);
      entries.splice(entries.findIndex((e) => e.name === name), 1);
    },
    deploymentsOn: async (name) => deployments[name] ?? [],
    check: async (name) => {
      calls.push(`check ${name}`);
      const trusted = await ui?.confirmNewHostKey({ host: name, knownHostsName: '10.0.0.7', keyType: 'ssh-ed25519', fingerprint: 'SHA256:q8bN3m8VSuMhk3Rm9GJdW2sXQ2yAFKkH4bM9C4mP1xQ' });
      if (!trusted) return { host: name, ok: false, reachable: true, hostKey: 'unknown', auth: 'not-tried', durationMs: 3, error: { message: `${name}: host key refused` } };
      return { ...okCheck(name, dockerFacts()), hostKey: 'accepted' };
    },
  };
  return { service, calls, answerSsh: (given: SshInteraction) => (ui = given) };
}

async function openHosts(deployments?: Record<string, string[]>) {
  const fake = fakeHosts(deployments);
  const app = renderApp({ deps: { loadHostsService: async () => fake.service, answerSsh: fake.answerSsh }, columns: 80, rows: 24 });
  await waitFor(() => expect(app.frame()).toContain('Nothing is deployed yet'));
  await app.press('H');
  await waitFor(() => expect(app.frame()).toMatch(/▸ local\s+\(this machine\)/));
  return { app, fake };
}

describe('the hosts screen', () => {
  it('adds a host from the form, asks about its new key with the fingerprint, and shows the check', async () => {
    const { app, fake } = await openHosts();
    await app.press('a');
    await waitFor(() => expect(app.frame()).toContain('Add a host'));
    await app.press('nas', KEYS.tab, '10.0.0.7', KEYS.tab, 'admin', KEYS.tab, 'x22');
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('✗ "x22" is not a port'));
    expect(fake.calls).toEqual([]);
    await app.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, '2222', KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('New host key: nas'));
    expect(app.frame()).toContain('ssh-ed25519 SHA256:q8bN3m8VSuMhk3Rm9GJdW2sXQ2yAFKkH4bM9C4mP1xQ');
    expect(fake.calls).toEqual(['add {"name":"nas","address":"10.0.0.7","user":"admin","port":2222}', 'check nas']);
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toMatch(/▸ nas\s+admin@10\.0\.0\.7:2222/));
    await waitFor(() => expect(app.frame()).toContain('✓ new host key accepted · '));
    app.unmount();
  });

  it('edits the selected host; a refused key shows the check failing, and c asks again', async () => {
    const { app, fake } = await openHosts();
    await fake.service.add({ name: 'nas', address: '10.0.0.7' });
    await app.press(KEYS.escape, 'H');
    await waitFor(() => expect(app.frame()).toMatch(/nas\s+10\.0\.0\.7/));
    await app.press('j', 'e');
    await waitFor(() => expect(app.frame()).toContain('Edit nas'));
    await app.press(KEYS.tab, KEYS.backspace, '8', KEYS.enter, KEYS.enter, KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('New host key: nas'));
    expect(fake.calls.at(-2)).toBe('edit nas {"name":"nas","address":"10.0.0.8"}');
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).toContain('✗ nas: host key refused'));
    await app.press('c');
    await waitFor(() => expect(app.frame()).toContain('New host key: nas'));
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('✓ new host key accepted'));
    app.unmount();
  });

  it('asks before removing, naming the deployments recorded on the host; n keeps it, y removes it', async () => {
    const { app, fake } = await openHosts({ nas: ['jellyfin', 'labapp'] });
    await fake.service.add({ name: 'nas', address: '10.0.0.7' });
    await app.press(KEYS.escape, 'H');
    await waitFor(() => expect(app.frame()).toMatch(/nas\s+10\.0\.0\.7/));
    await app.press('X');
    await waitFor(() => expect(app.frame()).toContain('the built-in host "local" (this machine) cannot be removed'));
    await app.press('j', 'X');
    await waitFor(() => expect(app.frame()).toContain('Remove nas from the inventory? [y/N]'));
    expect(app.frame()).toContain('Deployments recorded on it: jellyfin, labapp.');
    await app.press('n');
    await waitFor(() => expect(app.frame()).not.toContain('Remove nas'));
    expect(fake.calls).not.toContain('remove nas');
    await app.press('X');
    await waitFor(() => expect(app.frame()).toContain('Remove nas from the inventory?'));
    await app.press('y');
    await waitFor(() => expect(app.frame()).toContain('removed nas from the inventory'));
    expect(fake.calls).toContain('remove nas');
    expect(app.frame()).not.toMatch(/nas\s+10\.0\.0\.7/);
    app.unmount();
  });
});

describe('the dashboard\'s : command line', () => {
  async function dashboard() {
    const fake = fakeHosts();
    const app = renderApp({ deps: { loadHostsService: async () => fake.service, answerSsh: fake.answerSsh }, columns: 80, rows: 24 });
    await waitFor(() => expect(app.frame()).toContain('Nothing is deployed yet'));
    return app;
  }

  it(':hosts opens the hosts screen; typing shows on the line, backspace edits it', async () => {
    const app = await dashboard();
    await app.press(':');
    await waitFor(() => expect(app.frame()).toMatch(/enter run .*esc close/));
    await app.press('h', 'o', 's', 't', 's', 'x');
    await waitFor(() => expect(app.frame()).toContain(':hostsx'));
    await app.press(KEYS.backspace);
    await waitFor(() => expect(app.frame()).toMatch(/:hosts\s/));
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toMatch(/▸ local\s+\(this machine\)/));
    app.unmount();
  });

  it('a word that is no command, or could be two, is said with the commands; esc closes the line; :q quits', async () => {
    const app = await dashboard();
    await app.press(':');
    await app.press('d', 'e', 'p', 'l', 'o', 'y');
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toMatch(/:deploy is not a command; the commands are :hosts, :install, :refresh,\s+:help, :quit/));
    await app.press(':');
    await app.press('h');
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain(':h could be :hosts or :help: type more of it'));
    await app.press(':');
    await app.press('h', 'o');
    await app.press(KEYS.escape);
    await waitFor(() => expect(app.frame()).not.toContain(':ho'));
    expect(app.frame()).toContain('Nothing is deployed yet');
    await app.press(':');
    await app.press('q');
    await app.press(KEYS.enter);
    await waitFor(() => expect(app.store.getState().quitting).toBe(true));
    app.unmount();
  });
});
