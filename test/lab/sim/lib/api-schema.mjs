// SIMULATOR support: loads the PVE API schema subset (test/fixtures/schemas) the pct/pvesh
// stand-ins validate against, and finds endpoints and pct command definitions in it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SCHEMA_DIR = join(here, '..', '..', '..', 'fixtures', 'schemas');

/**
 * @typedef {{method: string, path: string, parameters: {properties?: Record<string, any>}, returns?: any}} Endpoint
 * @typedef {{usage: string, positional: string[], options: string[], api: string}} CliEntry
 * @typedef {{version: '8' | '9', endpoints: Endpoint[], cli: CliEntry[]}} ApiSchema
 */

/**
 * Reads the subset for PVE 9 (default) or 8, plus the extra read endpoints.
 * @param {{schemaDir?: string, version?: string}} [options]
 * @returns {ApiSchema}
 */
export function loadApiSchema(options = {}) {
  const dir = options.schemaDir ?? DEFAULT_SCHEMA_DIR;
  const version = options.version === '8' ? '8' : '9';
  const subset = JSON.parse(readFileSync(join(dir, version === '8' ? 'pve8-lxc-subset.json' : 'pve-lxc-subset.json'), 'utf8'));
  const extra = JSON.parse(readFileSync(join(dir, 'pve-extra-endpoints.json'), 'utf8'));
  return { version, endpoints: [...subset.endpoints, ...extra.endpoints], cli: subset.cli };
}

/**
 * Matches a concrete API path ("/nodes/pve/lxc/100/config") to its endpoint.
 * @param {ApiSchema} api
 * @param {string} method
 * @param {string} path
 * @returns {{endpoint: Endpoint, pathParams: Record<string, string>} | undefined}
 */
export function findEndpoint(api, method, path) {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const endpoint of api.endpoints) {
    if (endpoint.method !== method) continue;
    const template = endpoint.path.split('/').filter(Boolean);
    if (template.length !== parts.length) continue;
    const pathParams = {};
    const matches = template.every((seg, i) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (m) {
        pathParams[m[1]] = decodeURIComponent(parts[i]);
        return true;
      }
      return seg === parts[i];
    });
    if (matches) return { endpoint, pathParams };
  }
  return undefined;
}

/** The endpoint with exactly this method and path template. */
export function endpointByTemplate(api, method, template) {
  const endpoint = api.endpoints.find((e) => e.method === method && e.path === template);
  if (!endpoint) throw new Error(`schema has no ${method} ${template}`);
  return endpoint;
}

/** The cli[] entry for "pct <command>". */
export function cliEntry(api, command) {
  return api.cli.find((c) => c.usage.split(' ')[1] === command && c.usage.startsWith('pct '));
}

/** The short usage line the real CLI prints after a parameter error. */
export function shortUsage(entry) {
  return `${entry.usage}${entry.options.length > 0 ? ' [OPTIONS]' : ''}\n`;
}

// Options pct adds on the command line that its API method does not have (PVE::CLI::pct).
const CLI_ONLY_OPTIONS = { verbose: { type: 'boolean', optional: 1, description: 'Verbose output format' } };

/**
 * What "pct <command>" accepts: exactly the cli[] options (with their API schema) and the positional
 * arguments. `cliOnly` names the options to drop before the API call.
 * @returns {{properties: Record<string, any>, cliOnly: string[]}}
 */
export function cliProperties(api, entry) {
  const [method, template] = entry.api.split(' ');
  const apiProps = endpointByTemplate(api, method, template).parameters.properties ?? {};
  const properties = {};
  const cliOnly = [];
  for (const name of [...entry.positional, ...entry.options]) {
    if (apiProps[name]) properties[name] = apiProps[name];
    else if (CLI_ONLY_OPTIONS[name]) {
      properties[name] = CLI_ONLY_OPTIONS[name];
      cliOnly.push(name);
    } else throw new Error(`schema cli[] option ${name} of '${entry.usage}' has no definition`);
  }
  return { properties, cliOnly };
}
