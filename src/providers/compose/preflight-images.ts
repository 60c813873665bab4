import { tailOf } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { PreflightItem } from '../provider.js';
import type { ContainerEngine } from './compose-host.js';
import { registryCheckCommand } from './engine-commands.js';
import { imageReference } from './images.js';
import { REGISTRY_CHECK_TIMEOUT_MS, registryOf, registryReach } from './registry-reach.js';

/**
 * Each image: on the host, or pullable from its registry (asked without pulling, for a few seconds at
 * most), or its registry cannot be reached (a warning in words: the pull at install would fail), or
 * the registry answered that it cannot be pulled. A registry found unreachable is not asked again.
 */
export async function checkImages(runner: CommandRunner, engine: ContainerEngine, present: ReadonlyMap<string, boolean>): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  const unreachable = new Map<string, string>();
  for (const [image, here] of present) {
    if (here) {
      items.push({ status: 'ok', label: `image ${image} is on ${runner.host}` });
      continue;
    }
    const reference = imageReference(image, engine, false);
    const registry = registryOf(reference);
    const known = unreachable.get(registry);
    if (known !== undefined) {
      items.push(unreachableItem(runner.host, engine, reference, registry, known));
      continue;
    }
    const result = await runner.run(registryCheckCommand(engine, reference));
    const reach = registryReach(result);
    if (reach.kind === 'pullable') {
      items.push({ status: 'ok', label: `image ${reference} will be pulled from its registry` });
      continue;
    }
    const raw = tailOf(result.stderr || result.stdout, 2);
    if (reach.kind === 'unreachable') {
      const detail = reach.timedOut ? `${registry} gave no answer within ${REGISTRY_CHECK_TIMEOUT_MS / 1000} s${raw ? `: ${raw}` : ''}` : raw;
      unreachable.set(registry, detail);
      items.push(unreachableItem(runner.host, engine, reference, registry, detail));
      continue;
    }
    items.push({
      status: 'fail',
      label: `image ${reference} is not on ${runner.host} and cannot be pulled`,
      detail: raw,
      hint: `let ${runner.host} reach the registry, or pull or load the image there first (${engine} pull / ${engine} load)`,
    });
  }
  return items;
}

function unreachableItem(host: string, engine: ContainerEngine, reference: string, registry: string, detail: string): PreflightItem {
  return {
    status: 'warn',
    label: `image ${reference}: the registry cannot be reached from ${host}: the image will be pulled at install, which will fail unless it is loaded by hand or a mirror is set`,
    detail,
    hint: `load it on ${host} first (${engine} load -i FILE, or ${engine} pull where a registry is reachable), set a registry mirror for ${registry}, or let ${host} reach ${registry}`,
  };
}
