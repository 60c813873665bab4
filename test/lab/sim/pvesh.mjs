#!/usr/bin/env node
// pvesh SIMULATOR for the homelab-tui test lab. NOT Proxmox VE's pvesh.
//
// `pvesh get|create|set|delete <api_path> [--param value…] [--output-format json|json-pretty|text|yaml]`
// for the LXC endpoints in test/fixtures/schemas: every parameter is checked against the schema, and
// answers have the shape the schema's `returns` describe. Text output is a plain approximation;
// tools should ask for --output-format json, as they would on a real node.
import { findEndpoint, loadApiSchema } from './lib/api-schema.mjs';
import { callApi } from './lib/api-handlers.mjs';
import { parseCommandLine } from './lib/getopt.mjs';
import { dieError, PveError } from './lib/pve-error.mjs';
import { loadSettings } from './lib/sim-settings.mjs';
import { recordCall } from './lib/call-log.mjs';
import { FORMAT_OPTIONS, METHODS } from './lib/pvesh-options.mjs';

function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    return value.map((v) => `${indent}- ${typeof v === 'object' && v !== null ? `\n${toYaml(v, `${indent}  `)}` : `${v}\n`}`).join('');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => (typeof v === 'object' && v !== null ? `${indent}${k}:\n${toYaml(v, `${indent}  `)}` : `${indent}${k}: ${v}\n`))
      .join('');
  }
  return `${indent}${value}\n`;
}

function toText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return `${value}\n`;
  const rows = Array.isArray(value) ? value : Object.entries(value).map(([key, v]) => ({ key, value: v }));
  return rows.map((row) => (typeof row === 'object' ? Object.values(row).map((v) => (typeof v === 'object' ? JSON.stringify(v) : v)).join('\t') : row)).join('\n') + '\n';
}

function render(result, format) {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result ?? null)}\n`;
    case 'json-pretty':
      return `${JSON.stringify(result ?? null, null, 3)}\n`;
    case 'yaml':
      return `---\n${toYaml(result)}`;
    default:
      return toText(result);
  }
}

function main(argv) {
  const sim = loadSettings();
  recordCall(sim, 'pvesh', argv);
  const api = loadApiSchema({ schemaDir: sim.schemaDir, version: sim.version });
  const [verb, path, ...rest] = argv;
  const method = METHODS[verb ?? ''];
  if (!method) throw dieError(`ERROR: unknown command 'pvesh ${verb ?? ''}'\nUSAGE: pvesh <COMMAND> [ARGS] [OPTIONS]`);
  if (!path) throw new PveError('not enough arguments\n', { code: 400, usage: `pvesh ${verb} <api_path> [OPTIONS] [FORMAT_OPTIONS]\n` });
  const found = findEndpoint(api, method, path);
  if (!found) throw dieError(`No '${verb}' handler defined for '${path}'`);
  const properties = { ...(found.endpoint.parameters.properties ?? {}), ...FORMAT_OPTIONS };
  let params;
  try {
    params = parseCommandLine(rest, { properties, positional: [], fixed: found.pathParams });
  } catch (err) {
    if (err instanceof PveError && err.isParamError()) err.usage = `pvesh ${verb} <api_path> [OPTIONS] [FORMAT_OPTIONS]\n`;
    throw err;
  }
  const format = params['output-format'] ?? 'text';
  for (const key of Object.keys(FORMAT_OPTIONS)) delete params[key];
  const result = callApi(sim, found.endpoint, params);
  if (!params.quiet) process.stdout.write(render(result, format));
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(err instanceof PveError ? err.render() : `${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 255;
}
