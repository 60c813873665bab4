import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { ContainerEngine } from './compose-host.js';
import { imagePresentCommand } from './engine-commands.js';

/**
 * Docker's reading of a short name, spelled out: `postgres:16` → `docker.io/library/postgres:16`.
 * Podman resolves short names only through registries.conf, which often lists none (Debian's), so
 * images it must pull are written fully qualified, as the recipes mean them.
 */
export function qualifiedImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) return image;
  return slash < 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
}

/** Which of the images are on the host (one question per image). */
export async function imagesPresent(runner: CommandRunner, engine: ContainerEngine, images: readonly string[]): Promise<Map<string, boolean>> {
  const present = new Map<string, boolean>();
  for (const image of new Set(images)) present.set(image, (await runner.run(imagePresentCommand(engine, image))).exitCode === 0);
  return present;
}

/** The reference to write for an image: as given on Docker or when present; qualified for Podman to pull. */
export function imageReference(image: string, engine: ContainerEngine, present: boolean): string {
  return engine === 'podman' && !present ? qualifiedImage(image) : image;
}
