import type { LxcInputs } from './inputs.js';
import { deploymentRecordSchema, type DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { writeRecordStep } from '../../platform/deployments/record-step.js';
import { UserError } from '../../platform/errors.js';
import type { Plan, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import { recordProbe } from './container-ref.js';
import { bootServiceStep } from './guest-files.js';
import { addressOf, guestProbe } from './guest-probe.js';
import { aptProxyOf, aptProxyStep } from './apt-proxy.js';
import { firstLoginStep, packageRecordStep } from './package-facts.js';
import { checkIdStep, createStep, healthStep, recipeStep, startStep, type InstallTarget } from './install-steps.js';
import { UNPRIVILEGED_ROOT_UID } from './mount-checks.js';
import { chooseContainerId, chooseTemplate, type Choice } from './node-choices.js';
import { probeMountSources, readNodeFacts } from './node-facts.js';
import { keptNotePath, planLxcData, type LxcDataPlan } from './data-mounts.js';
import { dataFields } from '../../platform/deployments/data-ownership.js';
import { removeCreatedActions } from '../../platform/deployments/data-probe.js';
import type { LxcProxySettings } from '../../platform/config/proxy-settings.js';
import { lxcProxyInstall } from './proxy-site.js';

/** Settings of the proxmox-lxc provider that are not answers of a recipe. */
export interface LxcProviderOptions {
  /** An ostemplate volume id to use instead of the newest Debian template (or, for `os: any`, any template). */
  template?: string;
  /** authorized_keys text (public keys only) for root in new containers. */
  sshPublicKeys?: string;
  /** Swap for new containers in MiB (PVE's default is 512). */
  swapMiB?: number;
  /** How long the install waits for the app's health probe. */
  healthTimeoutMs?: number;
  /** Where the app's data directories live on the node (default /var/lib/homelab-tui/data). */
  dataDir?: string;
  /** How many homelab-tui update snapshots a container keeps (default 3). */
  keepSnapshots?: number;
  /** apt's http proxy in new guests (settings.yaml proxmoxLxc.aptProxy); the lxc_apt_proxy answer wins. */
  aptProxy?: string;
  /** The managed reverse proxy on the node for apps with a domain (settings.yaml proxmoxLxc.proxy). */
  proxy?: LxcProxySettings;
}

function chosen<T>(choice: Choice<T>): T {
  if (!choice.ok) throw new UserError(choice.reason, choice.hint);
  return choice.value;
}

/** The references status, logs, snapshots and uninstall read back from the record. */
export function withContainerRefs(record: DeploymentRecord, t: InstallTarget, data?: LxcDataPlan): DeploymentRecord {
  const address = addressOf(t.inputs.network.ip);
  const port = t.inputs.health.port;
  return deploymentRecordSchema.parse({
    ...record,
    refs: {
      ...record.refs,
      vmid: t.vmid,
      node: t.node,
      hostname: t.inputs.hostname,
      address,
      service: t.inputs.service.name,
      template: t.template,
      ...(t.inputs.package ? { package: t.inputs.package } : {}),
    },
    urls: address === 'dhcp' ? record.urls : [`http://${address}:${port}/`],
    probe: recordProbe(t.inputs.health, address),
    ...(data && data.entries.length > 0 ? dataFields(data.entries) : {}),
  });
}

/**
 * Reads the node, chooses the id and template, and returns the install plan: check the id again,
 * create (undone by a guarded destroy), start, the recipe's steps, the boot service, the health wait, and the record.
 */
export async function planLxcInstall(
  ctx: ProviderContext,
  request: { name: string; inputs: LxcInputs; record: DeploymentRecord },
  options: LxcProviderOptions,
): Promise<Plan> {
  const data = await planLxcData(ctx.runner, request.inputs, request.name, options.dataDir);
  // The app's data directories are bind mounts after the recipe's own (mp0… first, then these).
  const inputs: LxcInputs = { ...request.inputs, mounts: [...request.inputs.mounts, ...data.mounts] };
  const facts = await readNodeFacts(ctx.runner);
  const writable = request.inputs.mounts.filter((m) => !m.readOnly).map((m) => m.hostPath);
  const owners = await probeMountSources(ctx.runner, writable);
  const newData = data.entries.filter((e) => !data.kept && e.created).map((e) => e.path);
  const t: InstallTarget = {
    runner: ctx.runner,
    deployment: request.name,
    node: facts.node,
    vmid: chosen(chooseContainerId(facts.guests, facts.nextId, inputs.ctid)),
    fixedId: inputs.ctid !== undefined,
    template: chosen(chooseTemplate(facts.templates, inputs.os, options.template)),
    inputs,
    missingMounts: [...writable.filter((path) => owners.get(path) === undefined), ...newData],
    swapMiB: options.swapMiB ?? 512,
    ...(options.sshPublicKeys ? { sshPublicKeys: options.sshPublicKeys } : {}),
  };
  const address = addressOf(inputs.network.ip);
  const proxy = aptProxyOf(inputs, options.aptProxy);
  const probe = guestProbe(ctx.runner, inputs.health, { node: t.node, vmid: t.vmid, address });
  const site = lxcProxyInstall(inputs, request.name, options.proxy, ctx.proxyHost);
  const base = withContainerRefs(request.record, t, data);
  const record = site ? deploymentRecordSchema.parse({ ...base, refs: { ...base.refs, ...site.refs }, urls: [site.url, ...base.urls] }) : base;
  return {
    kind: 'install',
    deployment: request.name,
    host: ctx.hostName,
    provider: 'proxmox-lxc',
    app: inputs.app,
    steps: [
      checkIdStep(t),
      withDataUndo(createStep(t), data),
      startStep(t),
      ...(proxy ? [aptProxyStep(t.vmid, proxy)] : []),
      ...inputs.steps.map((step, i) => recipeStep(t, step, i)),
      bootServiceStep(t.vmid, t.deployment, inputs.service),
      healthStep(t, probe, options.healthTimeoutMs ?? 180_000),
      ...(site ? [site.step] : []),
      ...(inputs.firstLogin ? [firstLoginStep(t.vmid, inputs.app, inputs.firstLogin)] : []),
      inputs.package
        ? packageRecordStep(ctx.runner, record, t.vmid, inputs.package)
        : writeRecordStep(ctx.runner, record),
      ...(data.kept ? [{ id: 'kept-note', title: 'Forget the note of kept data (the record owns it again)', actions: [{ kind: 'run' as const, command: { argv: ['rm', '-f', '--', keptNotePath(request.name)] } }] }] : []),
    ],
    secrets: inputs.secretValues,
    notes: [...installNotes(t, address, data), ...(site ? [site.note] : []), ...data.notes],
    data: { reused: data.reused },
  };
}

/** The create's undo also removes the data directories this very install makes (never kept or found ones). */
function withDataUndo(step: PlanStep, data: LxcDataPlan): PlanStep {
  const made = data.kept ? [] : data.entries.filter((e) => e.created);
  return { ...step, undo: [...(step.undo ?? []), ...removeCreatedActions(made, { all: true })] };
}

function installNotes(t: InstallTarget, address: string, data: LxcDataPlan): string[] {
  const own = new Set(data.mounts.map((m) => m.hostPath));
  const recipeMounts = t.inputs.mounts.filter((m) => !own.has(m.hostPath));
  const port = t.inputs.health.port;
  return [
    `Container id ${t.vmid}${t.fixedId ? ' (fixed)' : ', the next free id when this plan was made; if it is taken before apply, nothing is created and you plan again'}.`,
    `Template ${t.template}.`,
    address === 'dhcp' ? `The address comes from DHCP; status shows it once the container has one (port ${port}).` : `The app will answer at http://${address}:${port}/.`,
    ...(recipeMounts.length > 0 ? [`Bind-mounted host folders are never changed or removed by uninstall: ${recipeMounts.map((m) => m.hostPath).join(', ')}.`] : []),
    ...(t.inputs.unprivileged && t.inputs.mounts.some((m) => !m.readOnly)
      ? [`Unprivileged container: its uid n is uid ${UNPRIVILEGED_ROOT_UID}+n on the node, so read-write folders must be writable by those uids.`]
      : []),
  ];
}
