import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DOCKER_V1 = 'docker-compose-1.29.2';
export const PODMAN_COMPOSE = 'podman-compose-1.0.3';
export const DOCKER_V2_DOCUMENTED = 'docker-compose-v2-documented';

/** A file from test/fixtures/compose/<tool-version>/ (see the README there for which are captured). */
export function fixture(dir: string, name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../fixtures/compose/${dir}/${name}`, import.meta.url)), 'utf8');
}

/** One `@@name` section of images.txt or a `--- stdout` part of a captured command. */
export function capturedOutput(text: string): { exitCode: number; stdout: string; stderr: string } {
  const exit = /^exit (\d+)$/m.exec(text);
  const stdout = /--- stdout\n([\s\S]*?)--- stderr\n/.exec(text)?.[1] ?? '';
  const stderr = /--- stderr\n([\s\S]*?)(?:@@|$)/.exec(text)?.[1] ?? '';
  return { exitCode: Number(exit?.[1] ?? 0), stdout, stderr };
}
