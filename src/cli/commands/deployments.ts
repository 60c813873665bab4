import { Command } from 'commander';
import { lazyAction } from '../program.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The flags `plan` and `install` share: what, where, with which answers. */
function installFlags(command: Command): Command {
  return command
    .argument('<app>', 'the app id, as in `catalog list`')
    .requiredOption('--host <host>', 'the inventory host to install on (`local` is this machine)')
    .option('--provider <provider>', 'compose, proxmox-lxc or k3s (needed when the app has several)')
    .option('--name <name>', 'the deployment name (default: the app id); default data folders follow it (/srv/NAME/…)')
    .option('--answers <file>', 'answers from this YAML file (see: homelab-tui answers APP)')
    .option('--set <key=value>', 'answer one question (repeatable); wins over --answers and saved defaults', collect, [])
    .option('--reuse-data', 'use data folders that already hold files (kept by an earlier uninstall of this name, or yours); without it --yes refuses them')
    .option('--json', 'print JSON');
}

/** `undo`, `resume`, `unlock`: what finishes an operation that was interrupted (its journal waits on the target). */
function declareRecoveryCommands(program: Command): void {
  for (const [name, description, action] of [
    ['undo', 'take back an interrupted operation (an install: remove what it made; data folders stay)', 'undoCommand'],
    ['resume', 'finish an interrupted operation (an install: remove the half-made one and install it again)', 'resumeCommand'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument('<name>', 'the deployment name')
      .option('--host <host>', 'the host it runs on (default: found from the records)')
      .option('-y, --yes', 'do not ask')
      .option('--dry-run', 'show the plan and change nothing')
      .option('--json', 'print the result as JSON')
      .option('--set <key=value>', 'resume: change one answer for the new install (repeatable), e.g. the version that broke it', collect, [])
      .action(lazyAction(async () => (await import('./recovery-actions.js'))[action]));
  }
  program
    .command('unlock')
    .description("remove a deployment's lock whose operation is gone (status and the refusal show its id)")
    .argument('<name>', 'the deployment name')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('--id <id>', 'the id of the lock to remove (without it: show who holds the lock)')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await import('./recovery-actions.js')).unlockCommand));
}

/** `stop`, `start`: a deployment or one of its services (compose: the containers stay; LXC: the container, or its service). */
function declareStopStartCommands(program: Command): void {
  for (const [name, description, action] of [
    ['stop', 'stop a deployment, or one of its services (start brings it back; nothing is removed)', 'stopCommand'],
    ['start', 'start a stopped deployment, or one of its services, and wait until it is healthy', 'startCommand'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument('<name>', 'the deployment name')
      .argument('[service]', 'only this service')
      .option('--host <host>', 'the host it runs on (default: found from the records)')
      .option('-y, --yes', 'do not ask')
      .option('--dry-run', 'show the plan and change nothing')
      .option('--json', 'print the result as JSON')
      .action(lazyAction(async () => (await import('./stop-start-actions.js'))[action]));
  }
}

/** `plan`, `install`, `uninstall`, `restart`, `status`, `logs`: deployments on hosts. */
export function declareDeploymentCommands(program: Command): void {
  installFlags(program.command('plan').description('show what installing an app would do: preflight checks and every command and file (secrets masked)')).action(
    lazyAction(async () => (await import('./install-actions.js')).planCommand),
  );
  installFlags(program.command('install').description('install an app on a host'))
    .option('-y, --yes', 'never ask: missing answers fail at once, warnings are accepted')
    .option('--keep-on-failure', 'leave what was created when a step fails (for debugging) instead of undoing it')
    .option('--dry-run', 'show the plan and change nothing')
    .action(lazyAction(async () => (await import('./install-actions.js')).installCommand));
  program
    .command('uninstall')
    .description('remove a deployment; its data stays (the result says where) unless --purge')
    .argument('<name>', 'the deployment name')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('--purge', 'also delete the data folders this deployment created (never ones that held files before it, nor another deployment\'s); asks first, without a terminal needs --yes')
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await import('./deployment-actions.js')).uninstallCommand));
  program
    .command('restart')
    .description('restart a deployment, or one of its services, and wait until it is healthy')
    .argument('<name>', 'the deployment name')
    .argument('[service]', 'only this service')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the result as JSON')
    .action(lazyAction(async () => (await import('./deployment-actions.js')).restartCommand));
  declareStopStartCommands(program);
  program
    .command('shell')
    .description("an interactive shell in a deployment's container (or one service's), LXC guest or k3s pod, over the host's SSH with a terminal")
    .argument('<name>', 'the deployment name')
    .argument('[service]', 'this service\'s container or pod (default: the main service)')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .action(lazyAction(async () => (await import('./shell-actions.js')).shellCommand));
  program
    .command('history')
    .description('the operations run on a deployment (what, who, when, how long, result), as its host keeps them')
    .argument('<name>', 'the deployment name')
    .option('--host <host>', 'the host it runs on (default: found from the records; needed once it is uninstalled)')
    .option('--lines', "each operation's log lines too")
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await import('./history-actions.js')).historyCommand));
  declareRecoveryCommands(program);
  program
    .command('adopt')
    .description('take over a compose project, a Proxmox LXC container or a k3s Deployment/StatefulSet that runs without homelab-tui: match a recipe, read its answers, write a record (nothing else on the host or cluster changes)')
    .argument('<name>', 'the compose project, the container\'s hostname or the k3s workload\'s NAMESPACE/NAME, as status lists it under "unmanaged"')
    .requiredOption('--host <host>', 'the host it runs on')
    .option('--app <app>', 'the recipe it is (default: the one whose images it runs; for a container, its tag or hostname)')
    .option('--name <name>', 'the deployment name (default: the project name, the hostname or the workload name)')
    .option('--set <key=value>', 'answer a question nothing running tells (repeatable), e.g. public_url', collect, [])
    .option('-y, --yes', 'do not ask')
    .option('--dry-run', 'show what it found and the record, write nothing')
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await import('./adopt-actions.js')).adoptCommand));
  program
    .command('status')
    .description('the state of every deployment (exit 1 when anything is not healthy or a host does not answer)')
    .option('--host <host>', 'only this host')
    .option('--strict', "exit 1 on a host's warning too (disk nearly full, memory nearly used up)")
    .option('--json', 'print JSON')
    .action(lazyAction(async () => (await import('./status-actions.js')).statusCommand));
  program
    .command('logs')
    .description('the logs of a deployment, its services merged and tagged')
    .argument('<name>', 'the deployment name')
    .argument('[service]', 'only this service')
    .option('--host <host>', 'the host it runs on (default: found from the records)')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .option('--since <time>', 'only lines since then: 10m, 2h, or an RFC 3339 time')
    .option('--tail <n>', 'only the last N lines of each service')
    .action(lazyAction(async () => (await import('./status-actions.js')).logsCommand));
}
