import type { Command } from 'commander';
import { lazyAction } from '../program.js';

const load = async () => import('./backup-actions.js');

/** `backup`, `backups list|verify`, `restore`: archives of deployments (issue 15). */
export function declareBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('back up a deployment into one archive on this machine (database dump, data paths, manifest with sha256 of each member)')
    .argument('<name>', 'the deployment name')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('--to <dir>', 'the directory for the archive (default: the state dir\'s backups/)')
    .option('--keep <n>', 'keep only the newest N archives of this deployment there (default: settings.yaml backupKeep, else all)')
    .option('--encrypt', 'encrypt the archive with age (<name>-<time>.tar.age): for --recipient, else with a passphrase read from stdin or --passphrase-file')
    .option('--recipient <age1...>', 'with --encrypt: an age recipient who can open it (repeatable)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--passphrase-file <file>', 'with --encrypt: the passphrase, on the first line of this file (never on the command line)')
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await load()).backupCommand));
  const backups = program.command('backups').description('the archives on this machine');
  backups
    .command('list')
    .description('list archives (newest first)')
    .argument('[name]', 'only this deployment\'s')
    .option('--dir <dir>', 'the directory of archives (default: the state dir\'s backups/)')
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await load()).listCommand));
  backups
    .command('verify')
    .description('re-hash every member of an archive against its manifest (exit 1 on any mismatch)')
    .argument('<archive>', 'the archive file')
    .option('--passphrase-file <file>', 'an encrypted archive: its passphrase on the first line of this file (default: read from stdin)')
    .option('--identity <file>', 'an archive encrypted for a recipient: the age identity file that opens it')
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await load()).verifyCommand));
  program
    .command('restore')
    .description('restore an archive: verified whole first; onto the same deployment (after a safety backup) or as a new one on --host')
    .argument('<archive>', 'the archive file')
    .option('--host <host>', 'the host to restore onto (default: where the deployment is, else the archive\'s host)')
    .option('--provider <provider>', 'the provider for a new deployment (default: the archive\'s)')
    .option('--name <name>', 'the deployment name (default: the archive\'s)')
    .option('--passphrase-file <file>', 'an encrypted archive: its passphrase on the first line of this file (default: read from stdin)')
    .option('--identity <file>', 'an archive encrypted for a recipient: the age identity file that opens it')
    .option('--set <key=value>', 'a new deployment: answer one question the archive does not (repeatable), e.g. lxc_ip for a Proxmox container', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await load()).restoreCommand));
}
