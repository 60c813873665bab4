import { Command } from 'commander';
import { lazyAction } from '../program.js';

/** `hosts list|add|remove`: the SSH inventory. */
export function declareHostsCommands(program: Command): void {
  const hosts = program.command('hosts').description('manage the hosts homelab-tui reaches over SSH');
  hosts
    .command('list')
    .description('list the inventory (the built-in host "local" included)')
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await import('./hosts-actions.js')).listHosts));
  hosts
    .command('add')
    .description('add a host to the inventory')
    .argument('<name>', 'a short name for the host (letters, digits, hyphens)')
    .requiredOption('--address <address>', 'IP address, DNS name or ~/.ssh/config alias')
    .option('--port <port>', 'SSH port (default: from ~/.ssh/config, else 22)')
    .option('--user <user>', 'SSH user (default: from ~/.ssh/config, else your user)')
    .option('--identity-file <file>', 'private key file')
    .option('--jump <host>', 'reach this host through another one (ProxyJump)')
    .option('--tag <tag...>', 'tags for grouping')
    .action(lazyAction(async () => (await import('./hosts-actions.js')).addHostCommand));
  hosts
    .command('check')
    .description('connect to hosts and report reachability, host key, auth, OS, resources and tools (exit 1 if any fails)')
    .argument('[names...]', 'hosts to check (default: all, "local" included)')
    .option('--json', 'print JSON')
    .option('--accept-new-host-key', 'trust and remember the key of a host seen for the first time (check its fingerprint first)')
    .option('--concurrency <n>', 'hosts checked at once (a check is one SSH handshake and one short probe)', '32')
    .action(lazyAction(async () => (await import('./hosts-check.js')).checkHostsCommand));
  hosts
    .command('remove')
    .description('remove a host from the inventory (nothing on the host changes)')
    .argument('<name>', 'the host to remove')
    .action(lazyAction(async () => (await import('./hosts-actions.js')).removeHostCommand));
}
