import { UserError } from '../../platform/errors.js';
import { addHost, allHosts, loadInventory, removeHost, saveInventory } from '../../platform/config/inventory.js';
import { formatTable } from '../format-table.js';
import type { CommandAction } from '../program.js';

export const listHosts: CommandAction = async (ctx, _args, options) => {
  const hosts = allHosts(await loadInventory(ctx.paths.hostsFile));
  if (options.json) {
    ctx.printJson(hosts);
    return;
  }
  const rows = hosts.map((h) =>
    h.kind === 'local'
      ? ['local', '(this machine)', '', '', '']
      : [h.name, h.address, h.port ? String(h.port) : '', h.user ?? '', [h.jump ? `via ${h.jump}` : '', ...h.tags].filter(Boolean).join(' ')],
  );
  ctx.print(formatTable(['NAME', 'ADDRESS', 'PORT', 'USER', 'NOTES'], rows));
};

export const addHostCommand: CommandAction = async (ctx, args, options) => {
  const [name] = args;
  const inventory = await loadInventory(ctx.paths.hostsFile);
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new UserError(`--port: "${String(options.port)}" is not a port`, 'a port is a whole number from 1 to 65535');
  }
  const next = addHost(inventory, {
    name,
    address: options.address,
    ...(port !== undefined ? { port } : {}),
    ...(options.user ? { user: options.user } : {}),
    ...(options.identityFile ? { identityFile: options.identityFile } : {}),
    ...(options.jump ? { jump: options.jump } : {}),
    tags: (options.tag as string[] | undefined) ?? [],
  });
  await saveInventory(ctx.paths.hostsFile, next);
  ctx.print(`added host ${String(name)} (${ctx.paths.hostsFile})`);
};

export const removeHostCommand: CommandAction = async (ctx, args) => {
  const [name = ''] = args;
  const next = removeHost(await loadInventory(ctx.paths.hostsFile), name);
  await saveInventory(ctx.paths.hostsFile, next);
  ctx.print(`removed host ${name}`);
};
