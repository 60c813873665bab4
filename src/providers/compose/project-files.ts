import type { ComposeInputs } from './inputs.js';
import type { ComposeSettings } from '../../platform/config/compose-settings.js';
import { UserError } from '../../platform/errors.js';
import { projectRef, type ProjectRef } from './compose-commands.js';
import { buildComposeDocument, envFileName, type ComposeDocument } from './compose-document.js';
import type { ComposeHost, ComposeTool } from './compose-host.js';
import { checkComposeSchema, type SchemaProblem } from './compose-schema.js';
import { composeYaml } from './compose-yaml.js';
import { DIALECT_OF, envFileText } from './env-file.js';

/** One service's env file: where it goes, its variables (secrets) and its text. */
export interface EnvFile {
  service: string;
  path: string;
  variables: Record<string, string>;
  text: string;
}

/** Everything a deployment's project directory holds, ready to write. */
export interface ProjectFiles {
  ref: ProjectRef;
  document: ComposeDocument;
  composeText: string;
  envFiles: EnvFile[];
}

/** The generated compose file breaks the Compose specification: nothing is uploaded. */
export class ComposeSchemaError extends UserError {
  constructor(
    readonly app: string,
    readonly problems: SchemaProblem[],
  ) {
    super(
      `the compose file generated for ${app} breaks the Compose specification at ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      `nothing was uploaded; this is a fault in the ${app} recipe (or in homelab-tui): report it with the field above`,
      1,
    );
  }
}

/**
 * Builds the project's files for a host and checks the compose file against the specification;
 * throws ComposeSchemaError (naming each field) before anything can reach the host.
 * `images` maps each recipe image to the reference to write (see imageReference).
 */
export function projectFiles(
  inputs: ComposeInputs,
  options: { deployment: string; tool: ComposeTool; host: ComposeHost; images: ReadonlyMap<string, string>; settings: Pick<ComposeSettings, 'projectRoot'> & Partial<Pick<ComposeSettings, 'proxy'>> },
): ProjectFiles {
  const { deployment, tool, host } = options;
  const services = inputs.services.map((s) => ({ ...s, image: options.images.get(s.image) ?? s.image }));
  const proxy = options.settings.proxy?.kind ?? 'auto';
  // A managed Caddy or no proxy: no Traefik labels even when a Traefik runs; `traefik`: labels even when none was detected.
  const traefik = proxy === 'auto' || proxy === 'traefik' ? host.traefik[tool.engine] : undefined;
  const router = options.settings.proxy?.traefik;
  const document = buildComposeDocument(
    { ...inputs, services },
    { deployment, engine: tool.engine, selinux: host.selinux, ...(traefik ? { traefik } : {}), ...(router && (traefik || proxy === 'traefik') ? { traefikRouter: router } : {}) },
  );
  const problems = checkComposeSchema(document);
  if (problems.length > 0) throw new ComposeSchemaError(inputs.app, problems);
  const ref = projectRef(options.settings.projectRoot, inputs.project);
  const header = [
    `Written by homelab-tui for the deployment "${deployment}": ${inputs.app} ${inputs.version}, run with ${tool.flavour}.`,
    'Secrets are in the <service>.env files beside it (mode 0600). homelab-tui rewrites this file on updates.',
  ];
  const envFiles = inputs.services
    .filter((s) => s.secretEnv.length > 0)
    .map((s) => {
      const variables = Object.fromEntries(s.secretEnv.map((name) => [name, s.env[name] ?? '']));
      return { service: s.name, path: `${ref.dir}/${envFileName(s.name)}`, variables, text: envFileText(variables, DIALECT_OF[tool.flavour], s.name) };
    });
  return { ref, document, composeText: composeYaml(document, header), envFiles };
}

/** The same env files with every value replaced, for checking the file on the host without its secrets. */
export function maskedEnvText(file: EnvFile): string {
  return envFileText(Object.fromEntries(Object.keys(file.variables).map((name) => [name, 'masked'])), 'literal', file.service);
}
