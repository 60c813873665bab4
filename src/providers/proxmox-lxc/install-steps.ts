import type { LxcInputs, LxcStep } from './inputs.js';
import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import { commandCheck } from '../../platform/health/command-check.js';
import type { HealthCheck } from '../../platform/health/health-check.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { addressAnswersAsOurs, addressStillFree, isStatic, type AddressTarget } from './address-steps.js';
import { addressOf } from './guest-probe.js';
import { isOwnedBy, type ContainerOptionsRequest, containerOptions } from './container-options.js';
import { GUEST_STAGE, READY_SCRIPT, stepCommand, stepSecretsFile } from './guest-scripts.js';
import { nodeStage, pushFiles } from './guest-files.js';
import { UNPRIVILEGED_ROOT_UID } from './mount-checks.js';
import { isMissingContainer, parseContainerConfig } from './parse-container.js';
import { pct, pvePaths, pveshGet } from './pve-commands.js';
import { showCommand } from '../../platform/show-command.js';

/** What the install steps are built from: the target, the chosen id and template, and the inputs. */
export interface InstallTarget {
  runner: CommandRunner;
  deployment: string;
  node: string;
  vmid: number;
  /** True when the user fixed the id (a clash is then theirs to resolve). */
  fixedId: boolean;
  template: string;
  inputs: LxcInputs;
  /** Read-write bind mount sources that do not exist yet: created for the container. */
  missingMounts: string[];
  swapMiB: number;
  sshPublicKeys?: string;
  /** False for the copy beside a container during a blue-green update: it must never start with the node. */
  startOnBoot?: boolean;
}

const CREATE_TIMEOUT_MS = 600_000;
const STEP_TIMEOUT_MS = 1_800_000;

/** At apply time: the id must still be free (`/cluster/nextid --vmid N` fails for a used id). */
function idStillFree(t: InstallTarget): PlanAction {
  const argv = pveshGet(pvePaths.nextId, [['vmid', t.vmid]]);
  return {
    kind: 'call',
    description: `check that id ${t.vmid} is still free in the cluster ($ ${showCommand(argv)})`,
    run: async () => {
      const result = await t.runner.run({ argv });
      if (result.exitCode === 0) return;
      throw new UserError(
        `CT id ${t.vmid} was taken after this plan was made (${tailOf(result.stderr, 1) || `exit ${result.exitCode}`}); nothing was created`,
        t.fixedId ? 'choose another lxc_ctid' : 'plan again: the next free id is chosen when the plan is made',
      );
    },
  };
}

/** Undo of the create: destroys the container only if it is the one this install made. */
function destroyIfOurs(t: InstallTarget): PlanAction {
  const destroy = pct.destroy(t.vmid, { force: true, purge: true });
  return {
    kind: 'call',
    description: `if CT ${t.vmid} is the container this install created: $ ${showCommand(destroy)}`,
    run: async (ctx) => {
      const read = await t.runner.run({ argv: pveshGet(pvePaths.containerConfig(t.node, t.vmid)) });
      if (read.exitCode !== 0 && isMissingContainer(read.stderr)) return;
      if (read.exitCode !== 0) throw new CommandError(pveshGet(pvePaths.containerConfig(t.node, t.vmid)), read.exitCode, t.runner.host, tailOf(read.stderr));
      if (!isOwnedBy(parseContainerConfig(read.stdout), t.deployment, t.inputs.hostname)) {
        throw new UserError(`CT ${t.vmid} is not the container this install created: it was left alone`, 'check it with: pct config ' + t.vmid);
      }
      const result = await t.runner.run({ argv: destroy, timeoutMs: CREATE_TIMEOUT_MS });
      for (const line of `${result.stdout}${result.stderr}`.split('\n')) if (line.trim()) ctx.output(line);
      if (result.exitCode !== 0) throw new CommandError(destroy, result.exitCode, t.runner.host, tailOf(result.stderr));
    },
  };
}

function mountDirActions(t: InstallTarget): PlanAction[] {
  const owner = `${UNPRIVILEGED_ROOT_UID}:${UNPRIVILEGED_ROOT_UID}`;
  return t.missingMounts.flatMap((path): PlanAction[] => {
    const mkdir: PlanAction = { kind: 'run', command: { argv: ['mkdir', '-p', '--', path] }, description: `create ${path} on the node for a read-write bind mount` };
    if (!t.inputs.unprivileged) return [mkdir];
    return [mkdir, { kind: 'run', command: { argv: ['chown', owner, '--', path] }, description: `give ${path} to the container's root (uid ${UNPRIVILEGED_ROOT_UID} on the node)` }];
  });
}

function sshKeyActions(t: InstallTarget, keysFile: string): PlanAction[] {
  const keys = t.sshPublicKeys ?? '';
  return [
    { kind: 'run', command: { argv: ['mkdir', '-p', '-m', '0700', nodeStage(t.deployment)] } },
    { kind: 'write', path: keysFile, content: keys.endsWith('\n') ? keys : `${keys}\n`, mode: 0o600, description: "stage root's public keys for pct on the node" },
  ];
}

/** Its own step, with no undo: when the id was taken meanwhile, nothing was created and nothing is undone. */
export function checkIdStep(t: InstallTarget): PlanStep {
  const { ip } = t.inputs.network;
  if (!isStatic(ip)) return { id: 'check-id', title: `Check that id ${t.vmid} is still free`, actions: [idStillFree(t)] };
  return { id: 'check-id', title: `Check that id ${t.vmid} and address ${addressOf(ip)} are still free`, actions: [idStillFree(t), addressStillFree(addressTarget(t))] };
}

function addressTarget(t: InstallTarget): AddressTarget {
  return { runner: t.runner, node: t.node, vmid: t.vmid, ip: t.inputs.network.ip, bridge: t.inputs.network.bridge };
}

export function createStep(t: InstallTarget): PlanStep {
  // pct reads the keys from a file on the node (--ssh-public-keys takes a path).
  const keysFile = t.sshPublicKeys ? `${nodeStage(t.deployment)}/authorized_keys` : undefined;
  const request: ContainerOptionsRequest = { inputs: t.inputs, deployment: t.deployment, swapMiB: t.swapMiB, ...(keysFile ? { sshKeysFile: keysFile } : {}), ...(t.startOnBoot === false ? { startOnBoot: false } : {}) };
  const create = pct.create(t.vmid, t.template, containerOptions(request));
  const cleanup: PlanAction[] = keysFile ? [{ kind: 'run', command: { argv: ['rm', '-rf', '--', nodeStage(t.deployment)] } }] : [];
  return {
    id: 'create',
    title: `Create container ${t.vmid} (${t.inputs.hostname}) on ${t.node}`,
    creates: [
      `CT ${t.vmid} "${t.inputs.hostname}" with a ${t.inputs.resources.diskGiB} GiB root disk on ${t.inputs.resources.storage}`,
      ...t.missingMounts.map((p) => `${p} on the node (kept on uninstall)`),
    ],
    actions: [
      ...mountDirActions(t),
      ...(keysFile ? sshKeyActions(t, keysFile) : []),
      { kind: 'run', command: { argv: create, timeoutMs: CREATE_TIMEOUT_MS }, stream: true },
      ...cleanup,
    ],
    undo: [destroyIfOurs(t)],
  };
}

export function startStep(t: InstallTarget): PlanStep {
  const ready: HealthCheck = commandCheck({
    runner: t.runner,
    command: { argv: pct.exec(t.vmid, ['sh', '-c', READY_SCRIPT]), timeoutMs: 30_000 },
    description: `CT ${t.vmid} has booted and has an IPv4 address`,
    hint: t.inputs.network.ip === 'dhcp' ? 'is a DHCP server answering on the bridge? or give it a static address (lxc_ip)' : 'read the container console: pct console ' + t.vmid,
  });
  return {
    id: 'start',
    title: `Start container ${t.vmid}`,
    actions: [
      { kind: 'run', command: { argv: pct.start(t.vmid), timeoutMs: 120_000 } },
      { kind: 'wait', check: ready, timeoutMs: 120_000, intervalMs: 1000 },
      ...(isStatic(t.inputs.network.ip) ? [addressAnswersAsOurs(addressTarget(t))] : []),
      { kind: 'run', command: { argv: pct.exec(t.vmid, ['mkdir', '-p', '-m', '0700', GUEST_STAGE]) } },
    ],
  };
}

/** One recipe step: secrets pushed as a 0600 file the script sources and deletes, output streamed. */
export function recipeStep(t: InstallTarget, step: LxcStep, index: number): PlanStep {
  const secretsPath = `${GUEST_STAGE}/step-${index + 1}.env`;
  const secrets = step.secretEnv.length > 0 ? pushFiles(t.vmid, t.deployment, [{ name: `step-${index + 1}.env`, guestPath: secretsPath, perms: '0600', content: stepSecretsFile(step) }]) : [];
  return {
    id: `step-${index + 1}`,
    title: `Install: ${step.name}`,
    actions: [
      ...secrets,
      { kind: 'run', command: { argv: stepCommand(t.vmid, step, secretsPath), timeoutMs: STEP_TIMEOUT_MS }, stream: true, description: `run "${step.name}" in CT ${t.vmid} (sh -e)` },
    ],
  };
}

export function healthStep(t: InstallTarget, check: HealthCheck, timeoutMs: number): PlanStep {
  return { id: 'health', title: `Wait for ${t.inputs.app} to answer`, actions: [{ kind: 'wait', check, timeoutMs, intervalMs: 2000 }] };
}
