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
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await load()).verifyCommand));
  program
    .command('restore')
    .description('restore an archive: verified whole first; onto the same deployment (after a safety backup) or as a new one on --host')
    .argument('<archive>', 'the archive file')
    .option('--host <host>', 'the host to restore onto (default: where the deployment is, else the archive\'s host)')
    .option('--provider <provider>', 'the provider for a new deployment (default: the archive\'s)')
    .option('--name <name>', 'the deployment name (default: the archive\'s)')
    .option('--set <key=value>', 'a new deployment: answer one question the archive does not (repeatable), e.g. lxc_ip for a Proxmox container', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await load()).restoreCommand));
}
