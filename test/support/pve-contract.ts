// The contract of the proxmox-lxc provider with Proxmox VE: every pct and pvesh call it makes must be
// one the real tools accept. Each call is parsed and validated exactly as the lab's SIMULATORS do it
// (their schema loader, Getopt::Long parser and PVE::JSONSchema checks, imported, not copied), against
// the PVE 9 and the PVE 8 schema.
import { cliEntry, cliProperties, endpointByTemplate, findEndpoint, loadApiSchema, shortUsage, type ApiSchema } from '../lab/sim/lib/api-schema.mjs';
import { parseCommandLine } from '../lab/sim/lib/getopt.mjs';
import { FILE_COMMANDS } from '../lab/sim/lib/pct-file-commands.mjs';
import { paramError, PveError } from '../lab/sim/lib/pve-error.mjs';
import { FORMAT_OPTIONS, METHODS } from '../lab/sim/lib/pvesh-options.mjs';
import { validateParams } from '../lab/sim/lib/validate.mjs';

export type PveVersion = '8' | '9';

const schemas = new Map<PveVersion, ApiSchema>();
function schema(version: PveVersion): ApiSchema {
  let api = schemas.get(version);
  if (!api) schemas.set(version, (api = loadApiSchema({ version })));
  return api;
}

// Any node name passes here: the contract is about options and values, not about which node is asked.
const NODE = 'pve';

function checkPct(api: ApiSchema, command: string, rest: string[]): void {
  const file = FILE_COMMANDS[command as keyof typeof FILE_COMMANDS];
  if (file) {
    const params = parseCommandLine(rest, { properties: file.properties, positional: file.positional });
    const errors = validateParams(file.properties, params);
    if (Object.keys(errors).length > 0) throw Object.assign(paramError(errors), { usage: file.usage });
    return;
  }
  const entry = cliEntry(api, command);
  if (!entry) throw new PveError(`unknown command 'pct ${command}'\n`);
  const [method = '', template = ''] = entry.api.split(' ');
  const { properties, cliOnly } = cliProperties(api, entry);
  try {
    const params = parseCommandLine(rest, { properties, positional: entry.positional, fixed: { node: NODE } });
    const apiParams = Object.fromEntries(Object.entries(params).filter(([k]) => !cliOnly.includes(k)));
    const errors = validateParams(endpointByTemplate(api, method, template).parameters.properties ?? {}, apiParams);
    if (Object.keys(errors).length > 0) throw paramError(errors);
  } catch (err) {
    if (err instanceof PveError && err.isParamError()) err.usage = shortUsage(entry);
    throw err;
  }
}

function checkPvesh(api: ApiSchema, verb: string, path: string | undefined, rest: string[]): void {
  const method = METHODS[verb];
  if (!method || !path) throw new PveError(`not a pvesh call: pvesh ${verb} ${path ?? ''}\n`);
  const found = findEndpoint(api, method, path);
  if (!found) throw new PveError(`No '${verb}' handler defined for '${path}'\n`);
  const properties = { ...(found.endpoint.parameters.properties ?? {}), ...FORMAT_OPTIONS };
  const params = parseCommandLine(rest, { properties, positional: [], fixed: found.pathParams });
  const formatting = Object.fromEntries(Object.keys(FORMAT_OPTIONS).filter((k) => k in params).map((k) => [k, params[k]]));
  for (const key of Object.keys(FORMAT_OPTIONS)) delete params[key];
  const errors = { ...validateParams(FORMAT_OPTIONS, formatting), ...validateParams(found.endpoint.parameters.properties ?? {}, params) };
  if (Object.keys(errors).length > 0) throw paramError(errors);
}

/** Why PVE `version` would refuse this pct/pvesh call (the tool's own error text), or undefined if it accepts it. */
export function pveRefusal(argv: readonly string[], version: PveVersion): string | undefined {
  const [tool, command = '', ...rest] = argv;
  const api = schema(version);
  try {
    if (tool === 'pct') checkPct(api, command, rest);
    else if (tool === 'pvesh') checkPvesh(api, command, rest[0], rest.slice(1));
    else return `not a pct or pvesh call: ${tool}`;
    return undefined;
  } catch (err) {
    if (err instanceof PveError) return err.render();
    throw err;
  }
}

/** The pct and pvesh calls among recorded argv. */
export function pveCalls(calls: readonly (readonly string[])[]): string[][] {
  return calls.filter((argv) => argv[0] === 'pct' || argv[0] === 'pvesh').map((argv) => [...argv]);
}

/** Every refusal among the calls, for PVE 9 and 8, as `PVE n: argv → error` lines (empty when all pass). */
export function contractViolations(calls: readonly (readonly string[])[]): string[] {
  return pveCalls(calls).flatMap((argv) =>
    (['9', '8'] as const).flatMap((version) => {
      const refusal = pveRefusal(argv, version);
      return refusal ? [`PVE ${version}: ${argv.join(' ').slice(0, 300)} → ${refusal.trim()}`] : [];
    }),
  );
}
