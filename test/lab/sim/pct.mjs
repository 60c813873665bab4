#!/usr/bin/env node
// pct SIMULATOR for the homelab-tui test lab. NOT Proxmox VE's pct.
//
// It accepts exactly the commands, options and values the real pct accepts (checked against the PVE
// API schema in test/fixtures/schemas, see test/lab/README.md), rejects anything else with pct's
// messages and exit code 255, and drives real LXC containers on the lab's Proxmox-like host.
import { readFileSync, writeFileSync } from 'node:fs';
import { cliEntry, cliProperties, endpointByTemplate, loadApiSchema, shortUsage } from './lib/api-schema.mjs';
import { callApi } from './lib/api-handlers.mjs';
import { loadConfig } from './lib/ct-config.mjs';
import { parseCommandLine } from './lib/getopt.mjs';
import { lxcAttach, lxcState } from './lib/lxc-driver.mjs';
import { dieError, paramError, PveError } from './lib/pve-error.mjs';
import { taskLog } from './lib/tasks.mjs';
import { loadSettings } from './lib/sim-settings.mjs';
import { recordCall } from './lib/call-log.mjs';
import { FILE_COMMANDS } from './lib/pct-file-commands.mjs';
import { validateParams } from './lib/validate.mjs';

const out = (text) => process.stdout.write(text);

/** What each schema-backed command prints on success (pct's CLI formatters). */
const PRINTERS = {
  create: (result) => out(result.log ? `${result.log.join('\n')}\n` : ''),
  list: (list) => {
    if (list.length === 0) return;
    const row = (a, b, c, d) => `${String(a).padEnd(10)} ${String(b).padEnd(10)} ${String(c).padEnd(12)} ${String(d).padEnd(20)}\n`;
    out(row('VMID', 'Status', 'Lock', 'Name'));
    for (const ct of [...list].sort((x, y) => x.vmid - y.vmid)) out(row(ct.vmid, ct.status, ct.lock ?? '', ct.name));
  },
  status: (status, params) => {
    if (!params.verbose) return out(`status: ${status.status}\n`);
    for (const key of Object.keys(status).sort()) {
      const value = status[key];
      out(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}\n`);
    }
  },
  config: (config) => {
    for (const key of Object.keys(config).sort()) {
      if (key !== 'digest') out(`${key}: ${config[key]}\n`);
    }
  },
  listsnapshot: (list) => {
    for (const snap of list) {
      const when = snap.snaptime ? new Date(snap.snaptime * 1000).toISOString().replace('T', ' ').slice(0, 19) : '';
      out(`\`-> ${snap.name.padEnd(20)} ${when.padEnd(19)}     ${snap.description}\n`);
    }
  },
};

function runSchemaCommand(sim, api, command, argv) {
  const entry = cliEntry(api, command);
  const [method, template] = entry.api.split(' ');
  const endpoint = endpointByTemplate(api, method, template);
  try {
    const { properties, cliOnly } = cliProperties(api, entry);
    const params = parseCommandLine(argv, { properties, positional: entry.positional, fixed: { node: sim.node } });
    const apiParams = mapCliParams(command, Object.fromEntries(Object.entries(params).filter(([k]) => !cliOnly.includes(k))));
    const result = command === 'create' ? createWithLog(sim, endpoint, apiParams) : callApi(sim, endpoint, apiParams);
    PRINTERS[command]?.(result, params);
  } catch (err) {
    if (err instanceof PveError && err.isParamError() && !err.usage) err.usage = shortUsage(entry);
    throw err;
  }
}

// PVE::CLI::pct's param_mapping: on the command line, create's --ssh-public-keys names a file whose
// content is the API parameter (PVE::CLIHandler reads it, dying like file_get_contents).
function mapCliParams(command, params) {
  if (command !== 'create' || params['ssh-public-keys'] === undefined) return params;
  const file = String(params['ssh-public-keys']);
  try {
    return { ...params, 'ssh-public-keys': readFileSync(file, 'utf8') };
  } catch (err) {
    throw dieError(`unable to open file '${file}' - ${err && err.code === 'ENOENT' ? 'No such file or directory' : String(err)}`);
  }
}

// The API answers create with a UPID; the CLI prints the task log, which the simulator keeps.
function createWithLog(sim, endpoint, params) {
  const upid = callApi(sim, endpoint, params);
  return { log: taskLog(sim, upid, 0, 1000).map((line) => line.t).filter((t) => t !== 'TASK OK') };
}

function runFileCommand(sim, command, argv) {
  const spec = FILE_COMMANDS[command];
  try {
    const params = parseCommandLine(argv, { properties: spec.properties, positional: spec.positional, fixed: {} });
    const errors = validateParams(spec.properties, params);
    if (Object.keys(errors).length > 0) throw paramError(errors);
    const vmid = Number(params.vmid);
    loadConfig(sim, vmid);
    if (!lxcState(sim, vmid).running) throw dieError(command === 'exec' ? `CT ${vmid} not running` : `container '${vmid}' not running!`);
    return spec.run(sim, vmid, params, { lxcAttach, readFileSync, writeFileSync });
  } catch (err) {
    if (err instanceof PveError && err.isParamError() && !err.usage) err.usage = spec.usage;
    throw err;
  }
}

function main(argv) {
  const sim = loadSettings();
  recordCall(sim, 'pct', argv);
  const api = loadApiSchema({ schemaDir: sim.schemaDir, version: sim.version });
  const [command, ...rest] = argv;
  if (command && FILE_COMMANDS[command]) return runFileCommand(sim, command, rest);
  if (command && cliEntry(api, command)) {
    runSchemaCommand(sim, api, command, rest);
    return 0;
  }
  const known = [...api.cli.filter((c) => c.usage.startsWith('pct ')).map((c) => c.usage.split(' ')[1]), ...Object.keys(FILE_COMMANDS)];
  throw dieError(`ERROR: unknown command 'pct ${command ?? ''}'\nUSAGE: pct <COMMAND> [ARGS] [OPTIONS]\n  (the lab SIMULATOR knows: ${known.sort().join(', ')})`);
}

try {
  process.exitCode = main(process.argv.slice(2)) ?? 0;
} catch (err) {
  process.stderr.write(err instanceof PveError ? err.render() : `${err instanceof Error ? err.message : String(err)}\n`);
  // Perl's die exits 255, which is what the real pct returns for every error.
  process.exitCode = 255;
}

