import { describe, expect, it } from 'vitest';
import type { ComposeTool } from '../../../../src/platform/hosts/host-facts.js';
import type { ComposeTarget } from '../../../../src/providers/compose/compose-target.js';
import { legacyPodmanComposeItems } from '../../../../src/providers/compose/podman-front-end.js';

const legacy: ComposeTool = { flavour: 'podman-compose', engine: 'podman', version: '1.0.3', argv: ['podman-compose'] };
const builtIn: ComposeTool = { flavour: 'podman compose', engine: 'podman', version: '4.9.3', argv: ['podman', 'compose'] };
const dockerV1: ComposeTool = { flavour: 'docker-compose', engine: 'docker', version: '1.29.2', argv: ['docker-compose'] };
const target = (tool: ComposeTool, tools: ComposeTool[]): ComposeTarget => ({ tool, host: { tools, engines: { podman: '4.3.1' }, selinux: 'disabled', traefik: {} } });

describe('the legacy podman-compose warning', () => {
  it('only podman-compose on the host: a warning naming its version, with what to install instead', () => {
    const [item, ...rest] = legacyPodmanComposeItems(target(legacy, [legacy]));
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ status: 'warn', label: 'only podman-compose 1.0.3 (the legacy Python front end) is on this host, not `podman compose`' });
    expect(item?.hint).toContain('Podman 4.7 or later has `podman compose`');
  });

  it('no warning with `podman compose` beside it, or for another tool', () => {
    expect(legacyPodmanComposeItems(target(legacy, [builtIn, legacy]))).toEqual([]);
    expect(legacyPodmanComposeItems(target(builtIn, [builtIn, legacy]))).toEqual([]);
    expect(legacyPodmanComposeItems(target(dockerV1, [dockerV1, legacy]))).toEqual([]);
  });
});
