import { describe, expect, it } from 'vitest';
import { freshConfigDir, runCli } from '../../../support/run-cli.js';

describe('homelab-tui catalog (the built CLI)', () => {
  const dir = freshConfigDir();

  it('list shows the apps with their providers, without the test app', () => {
    const run = runCli(dir, ['catalog', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^APP +NAME +VERSION +PROVIDERS +DESCRIPTION$/m);
    expect(run.stdout).toMatch(/^vikunja +Vikunja +2\.5\.0 +compose, proxmox-lxc, k3s +To-do lists/m);
    expect(run.stdout).not.toContain('labapp');
    expect(run.stderr).toBe('');
  });

  it('list --json is data, and --all or HOMELAB_TUI_TEST_APPS=1 adds the test app', () => {
    const plain = JSON.parse(runCli(dir, ['catalog', 'list', '--json']).stdout) as { id: string; providers: string[]; test: boolean }[];
    expect(plain.map((r) => r.id)).toEqual(['jellyfin', 'kavita', 'komga', 'qbittorrent', 'vikunja']);
    expect(plain[0]).toMatchObject({ id: 'jellyfin', name: 'Jellyfin', providers: ['compose', 'proxmox-lxc', 'k3s'], minimums: { cores: 2, memory: '2G', disk: '8G' } });
    const all = JSON.parse(runCli(dir, ['catalog', 'list', '--json', '--all']).stdout) as { id: string; test: boolean }[];
    expect(all.find((r) => r.id === 'labapp')?.test).toBe(true);
    expect(runCli(dir, ['catalog', 'list'], { HOMELAB_TUI_TEST_APPS: '1' }).stdout).toContain('labapp');
  });

  it('show prints versions, providers, minimums and every question with its default', () => {
    const run = runCli(dir, ['catalog', 'show', 'vikunja']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('minimums:   1 core, 512M memory, 2G disk');
    expect(run.stdout).toMatch(/^db_type +enum +sqlite +Database$/m);
    expect(run.stdout).toMatch(/^db_port +port +5432 if db_type is postgres; 3306 +Database server port +when db_mode is existing$/m);
    expect(run.stdout).toMatch(/^service_secret +secret +\(generated\) +Service secret/m);
    expect(run.stdout).toContain('Only for proxmox-lxc:');
    expect(run.stdout).toMatch(/^lxc_memory +memory +1G +Memory$/m);
  });

  it('show --json --provider lists the questions that apply there', () => {
    const data = JSON.parse(runCli(dir, ['catalog', 'show', 'jellyfin', '--json', '--provider', 'proxmox-lxc']).stdout) as {
      questions: { id: string; default?: unknown; allowed: string }[];
      providerQuestions: Record<string, { id: string }[]>;
      health: unknown;
    };
    expect(data.questions.map((q) => q.id)).toEqual(['version', 'movies_dir', 'tv_dir', 'music_dir', 'downloads_dir', 'published_url']);
    expect(data.questions[1]).toMatchObject({ id: 'movies_dir', default: '/srv/media/movies', allowed: 'an absolute path such as /srv/app' });
    expect(Object.keys(data.providerQuestions)).toEqual(['proxmox-lxc']);
    expect(data.health).toEqual({ kind: 'http', port: 'http', path: '/health', status: 200, body: 'Healthy' });
  });

  it('an unknown app or provider is bad input (exit 2) with a did-you-mean', () => {
    const app = runCli(dir, ['catalog', 'show', 'kavitta']);
    expect(app.code).toBe(2);
    expect(app.stderr).toBe('error: no app named "kavitta" in the catalog; did you mean "kavita"?\nhint: apps: jellyfin, kavita, komga, qbittorrent, vikunja; see: homelab-tui catalog list\n');
    const provider = runCli(dir, ['catalog', 'show', 'kavita', '--provider', 'docker']);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('--provider: unknown provider "docker"');
    expect(runCli(dir, ['catalog', 'shwo']).code).toBe(2);
  });
});
