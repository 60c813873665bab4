import { tailOf } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { PreflightItem } from '../provider.js';
import type { ContainerEngine } from './compose-host.js';
import { registryCheckCommand } from './engine-commands.js';
import { imageReference } from './images.js';

/** Each image: on the host, or pullable from its registry (asked without pulling), or neither. */
export async function checkImages(runner: CommandRunner, engine: ContainerEngine, present: ReadonlyMap<string, boolean>): Promise<PreflightItem[]> {
  const items: PreflightItem[] = [];
  for (const [image, here] of present) {
    if (here) {
      items.push({ status: 'ok', label: `image ${image} is on ${runner.host}` });
      continue;
    }
    const reference = imageReference(image, engine, false);
    const registry = await runner.run(registryCheckCommand(engine, reference));
    if (registry.exitCode === 0) {
      items.push({ status: 'ok', label: `image ${reference} will be pulled from its registry` });
      continue;
    }
    items.push({
      status: 'fail',
      label: `image ${reference} is not on ${runner.host} and cannot be pulled`,
      detail: tailOf(registry.stderr || registry.stdout, 2),
      hint: `let ${runner.host} reach the registry, or pull or load the image there first (${engine} pull / ${engine} load)`,
    });
  }
  return items;
}
