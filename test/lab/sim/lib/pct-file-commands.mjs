// SIMULATOR support: pct exec/push/pull. They are CLI-only methods (not in the REST API, so not in
// the schema subset); their parameters are copied here from pve-container's PVE::CLI::pct
// definitions: exec <vmid> [<extra-args>] [--keep-env], push <vmid> <file> <destination> and
// pull <vmid> <path> <destination> with --user, --group, --perms.
import { dieError } from './pve-error.mjs';

const vmid = { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999999999 };
const owner = {
  user: { type: 'string', optional: 1 },
  group: { type: 'string', optional: 1 },
  perms: { type: 'string', optional: 1 },
};

/** "644" means octal, as pct assumes; "0x1a4" hexadecimal. */
function parsePerms(perms) {
  if (perms === undefined) return undefined;
  const text = /^0/.test(perms) ? perms : `0${perms}`;
  const mode = /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text, 16) : /^0[0-7]*$/.test(text) ? Number.parseInt(text, 8) : Number.NaN;
  if (Number.isNaN(mode)) throw dieError(`invalid mode: '${perms}'`);
  return mode.toString(8);
}

// One shell line inside the guest: write stdin to the file, then apply owner and mode.
const WRITE_SCRIPT = 'cat > "$1" || exit 1; [ -z "$2" ] || chown "$2" "$1" || exit 1; [ -z "$3" ] || chmod "$3" "$1"';

export const FILE_COMMANDS = {
  exec: {
    usage: 'pct exec <vmid> [<extra-args>] [OPTIONS]\n',
    positional: ['vmid', 'extra-args'],
    properties: { vmid, 'keep-env': { type: 'boolean', optional: 1 }, 'extra-args': { type: 'array', optional: 1 } },
    run(sim, id, params, io) {
      if (params['extra-args'].length === 0) throw dieError('missing command');
      const res = io.lxcAttach(sim, id, params['extra-args']);
      if (res.error) throw dieError(`lxc-attach failed: ${res.error.message}`);
      return res.status ?? 255;
    },
  },
  push: {
    usage: 'pct push <vmid> <file> <destination> [OPTIONS]\n',
    positional: ['vmid', 'file', 'destination'],
    properties: { vmid, file: { type: 'string' }, destination: { type: 'string' }, ...owner },
    run(sim, id, params, io) {
      let input;
      try {
        input = io.readFileSync(params.file);
      } catch {
        throw dieError(`failed to open ${params.file} for reading`);
      }
      const chown = params.user || params.group ? `${params.user ?? ''}${params.group ? `:${params.group}` : ''}` : '';
      const args = ['sh', '-c', WRITE_SCRIPT, 'sh', params.destination, chown, parsePerms(params.perms) ?? ''];
      const res = io.lxcAttach(sim, id, args, { stdio: ['pipe', 'inherit', 'inherit'], input });
      if (res.status !== 0) throw dieError(`failed to create file: ${params.destination}`);
      return 0;
    },
  },
  pull: {
    usage: 'pct pull <vmid> <path> <destination> [OPTIONS]\n',
    positional: ['vmid', 'path', 'destination'],
    properties: { vmid, path: { type: 'string' }, destination: { type: 'string' }, ...owner },
    run(sim, id, params, io) {
      const res = io.lxcAttach(sim, id, ['cat', params.path], { stdio: ['ignore', 'pipe', 'pipe'] });
      if (res.status !== 0) throw dieError(`failed to open ${params.path}: No such file or directory`);
      const mode = parsePerms(params.perms);
      io.writeFileSync(params.destination, res.stdout, mode ? { mode: Number.parseInt(mode, 8) } : {});
      return 0;
    },
  },
};
