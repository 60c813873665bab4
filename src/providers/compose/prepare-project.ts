import type { ComposeInputs } from './inputs.js';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { composeTarget, type ComposeTarget } from './compose-target.js';
import { imageReference, imagesPresent } from './images.js';
import { projectFiles, type ProjectFiles } from './project-files.js';

/** A deployment's project as it would be written on this host, with what the host is. */
export interface PreparedProject {
  target: ComposeTarget;
  /** Which recipe images the host already has. */
  present: Map<string, boolean>;
  files: ProjectFiles;
}

/**
 * Everything host-dependent in a compose project: the tool, SELinux, Traefik and which images are
 * present (Podman must pull missing ones by their full name). Throws ComposeSchemaError before any
 * upload when the file would break the specification.
 */
export async function prepareProject(runner: CommandRunner, inputs: ComposeInputs, deployment: string, settings: ComposeSettings, facts?: () => Promise<HostFacts>): Promise<PreparedProject> {
  const target = await composeTarget(runner, settings, facts);
  const present = await imagesPresent(runner, target.tool.engine, inputs.services.map((s) => s.image));
  const images = new Map([...present].map(([image, here]) => [image, imageReference(image, target.tool.engine, here)]));
  return { target, present, files: projectFiles(inputs, { deployment, tool: target.tool, host: target.host, images, settings }) };
}
