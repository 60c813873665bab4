import { describe, expect, it } from 'vitest';
import { dockerLabels, parseInspect, parsePs } from '../../../../src/providers/compose/parse-containers.js';
import { DOCKER_V1, DOCKER_V2_DOCUMENTED, fixture, PODMAN_COMPOSE } from './fixtures.js';

const byService = <T extends { service: string }>(list: T[]) => Object.fromEntries(list.map((c) => [c.service, c]));

describe('parsePs', () => {
  it('docker (JSON lines, labels flattened): every container of the project with its service', () => {
    const refs = parsePs(fixture(DOCKER_V1, 'ps.jsonl'));
    expect(refs.map((r) => r.service).sort()).toEqual(['app', 'bad', 'exits', 'killed', 'side']);
    expect(byService(refs).app?.name).toBe('fx_app_1');
    expect(byService(refs).app?.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('podman (one JSON array, labels as an object, names as a list)', () => {
    const refs = parsePs(fixture(PODMAN_COMPOSE, 'ps.json'));
    expect(refs.map((r) => r.service).sort()).toEqual(['app', 'bad', 'exits', 'killed', 'side']);
    expect(byService(refs).side?.name).toBe('fx_side_1');
    expect(byService(refs).side?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('docker compose v2 (documented): hyphenated names', () => {
    expect(parsePs(fixture(DOCKER_V2_DOCUMENTED, 'ps.jsonl'))).toEqual([
      { id: '4f1c2a3b5d6e', name: 'tasks-vikunja-1', service: 'vikunja' },
      { id: '9a8b7c6d5e4f', name: 'tasks-db-1', service: 'db' },
    ]);
  });

  it('an empty project is no containers; a changed format is a bug named as such', () => {
    expect(parsePs('\n')).toEqual([]);
    expect(() => parsePs('{"Id": 3}')).toThrow(/docker ps printed an unexpected shape/);
  });

  it('a label value with commas stays whole', () => {
    expect(dockerLabels('a=1,rule=Host(`x`),Host(`y`),b=2')).toEqual({ a: '1', rule: 'Host(`x`),Host(`y`)', b: '2' });
  });
});

describe('parseInspect', () => {
  it('docker: healthy, unhealthy with the check\'s verdict, exit 3, and exit 137 after SIGKILL', () => {
    const states = byService(parseInspect(fixture(DOCKER_V1, 'inspect.json')));
    expect(states.app).toMatchObject({ project: 'fx', status: 'running', running: true, health: 'healthy', hasHealthcheck: true, image: 'local/labapp:1', restartCount: 0 });
    expect(states.bad).toMatchObject({ health: 'unhealthy', image: 'local/labapp:bad' });
    expect(states.side).toMatchObject({ health: 'none', hasHealthcheck: false, running: true });
    expect(states.exits).toMatchObject({ status: 'exited', exitCode: 3, running: false, oomKilled: false });
    expect(states.killed).toMatchObject({ status: 'exited', exitCode: 137 });
    expect(states.app?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(states.exits?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(states.app?.finishedAt).toBeUndefined();
  });

  it('podman: "stopped" for exited, the localhost/ image name, and "starting" until the check has run enough', () => {
    const states = byService(parseInspect(fixture(PODMAN_COMPOSE, 'inspect.json')));
    expect(states.app).toMatchObject({ name: 'fx_app_1', health: 'healthy', image: 'localhost/local/labapp:1' });
    expect(states.bad?.health).toBe('starting');
    expect(states.exits).toMatchObject({ status: 'stopped', exitCode: 3 });
    expect(states.killed).toMatchObject({ status: 'stopped', exitCode: 137 });
    expect(states.side?.health).toBe('none');
  });
});
