import type { K3sSettings } from '../../platform/config/k3s-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import { HOST_STATE_DIR } from '../../platform/operation/host-state.js';
import type { ActionContext, PlanAction } from '../../platform/plan/plan.js';
import type { Command } from '../../platform/runner/command-runner.js';
import { quoteShellArg } from '../../platform/runner/shell-quote.js';
import type { ProviderContext } from '../provider.js';
import { kubectl, kubectlJson } from './kubectl.js';
import { deploymentSelector, FIELD_MANAGER, MANAGED_BY } from './labels.js';
import type { K8sObject } from './manifests.js';
import { listSchema, podSchema, type K8sPod } from './objects.js';
import { workloadRefs } from './plan-restart.js';
import { readWorkloads } from './read-workloads.js';
import { k3sRefs } from './refs.js';

// The data rollback of an update to a version that migrates its data: before the update, a helper
// pod mounts every PVC of the deployment and each one's files are streamed out as a tar.gz into a
// folder on the server node (read back and checksummed); on rollback the app is scaled to zero, the
// helper empties each PVC and unpacks its archive, and only then the old set is applied again.
// A PVC cannot be snapshotted on local-path, and `rollout undo` never touches data.

/** Where the PVC archives of the update in progress are kept on the host (0700; removed when the gate passes). */
export function dataBackupDir(name: string): string {
  return `${HOST_STATE_DIR}/k3s/${name}.before-update.data`;
}

/** The label that marks a deployment's helper pod (it carries no instance label: status and logs do not count it). */
export const HELPER_LABEL = 'homelab-tui.io/data-helper-of';

export function helperName(deployment: string): string {
  return `${deployment}-data-helper`.slice(0, 63).replace(/-+$/, '');
}

/**
 * The helper pod: one busybox-like container sleeping while files are copied, every claim mounted at
 * /pvc/CLAIM, bound to the node that holds the data (local-path volumes live on one node).
 */
export function helperPod(namespace: string, deployment: string, claims: readonly string[], image: string, node: string | undefined): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: helperName(deployment), namespace, labels: { [MANAGED_BY]: 'homelab-tui', [HELPER_LABEL]: deployment } },
    spec: {
      ...(node ? { nodeName: node } : {}),
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'copy', image, command: ['sleep', '3600'], volumeMounts: claims.map((c, i) => ({ name: `claim-${i}`, mountPath: `/pvc/${c}` })) }],
      volumes: claims.map((c, i) => ({ name: `claim-${i}`, persistentVolumeClaim: { claimName: c } })),
    },
  };
}

// Streams one claim's files out of the helper into ARCHIVE on the host, reads it back, records its checksum.
const BACKUP_CLAIM = [
  'set -e',
  'ns="$1"; pod="$2"; claim="$3"; archive="$4"',
  'kubectl exec -n "$ns" "pod/$pod" -- tar -C "/pvc/$claim" -czf - . > "$archive.part"',
  'tar -tzf "$archive.part" >/dev/null',
  'mv -- "$archive.part" "$archive"',
  'sha256sum -- "$archive" > "$archive.sha256"',
  'echo "pvc $claim: $(du -k -- "$archive" | cut -f1) KiB in $archive, verified"',
].join('\n');

// Checks the archive, then empties the claim in the helper and unpacks the archive into it.
const RESTORE_CLAIM = [
  'set -e',
  'ns="$1"; pod="$2"; claim="$3"; archive="$4"',
  'sha256sum -c --status -- "$archive.sha256"',
  `kubectl exec -i -n "$ns" "pod/$pod" -- sh -c ${quoteShellArg('find "/pvc/$0" -mindepth 1 -maxdepth 1 -exec rm -rf {} + && tar -C "/pvc/$0" -xzf -')} "$claim" < "$archive"`,
  'echo "pvc $claim: restored from $archive"',
].join('\n');

/** Backs up every PVC of the deployment through the helper pod (the app keeps running). */
export function backupPvcsAction(ctx: ProviderContext, record: DeploymentRecord, settings: K3sSettings): PlanAction {
  const dir = dataBackupDir(record.name);
  return {
    kind: 'call',
    description: `copy the files of every PVC of ${record.name} into ${dir} through a helper pod (${settings.helperImage}), read them back and record their checksums`,
    run: async (actx) => {
      const { namespace } = k3sRefs(record);
      await must(ctx, { argv: ['sh', '-c', 'rm -rf -- "$1" && mkdir -p -m 700 -- "$1"', 'sh', dir], elevated: true });
      const claims = await claimsOf(ctx, record);
      if (claims.length === 0) return actx.output(`${record.name} has no PVCs: no data to back up`);
      const node = (await appPods(ctx, record)).find((p) => p.status?.phase === 'Running')?.spec.nodeName;
      await writeHostFile(ctx, `${dir}/claims`, claims.join(' '));
      if (node) await writeHostFile(ctx, `${dir}/node`, node);
      await withHelper(ctx, record, settings, claims, node, actx, async (pod) => {
        for (const claim of claims) actx.output((await must(ctx, { argv: ['sh', '-c', BACKUP_CLAIM, 'sh', namespace, pod, claim, `${dir}/${claim}.tar.gz`], elevated: true, timeoutMs: 30 * 60_000 })).trim());
      });
      await must(ctx, { argv: ['touch', '--', `${dir}/complete`], elevated: true });
    },
  };
}

/** Marks that the new version is being applied: from then on a rollback puts the PVC files back. */
export function markApplyingAction(record: DeploymentRecord): PlanAction {
  const dir = dataBackupDir(record.name);
  return { kind: 'run', command: { argv: ['sh', '-c', '[ ! -e "$1/complete" ] || touch -- "$1/applying"', 'sh', dir], elevated: true }, description: `note in ${dir} that the new version is applied (a rollback restores the PVCs from here)` };
}

/**
 * Puts the PVC files back as they were before the update, when the update backed them up and had
 * started applying the new version: the app's workloads scaled to zero (nothing writes), the helper
 * empties each claim and unpacks its archive. The old set applied next scales them up again.
 */
export function restorePvcsAction(ctx: ProviderContext, record: DeploymentRecord, settings: K3sSettings): PlanAction {
  const dir = dataBackupDir(record.name);
  return {
    kind: 'call',
    description: `if ${dir} holds a complete backup: scale ${record.name} to zero, put every PVC's files back from it through a helper pod`,
    run: async (actx) => {
      const { namespace, serviceList } = k3sRefs(record);
      const state = await ctx.runner.run({ argv: ['sh', '-c', '[ -e "$1/complete" ] && [ -e "$1/applying" ] && cat -- "$1/claims" && { cat -- "$1/node" 2>/dev/null || true; }', 'sh', dir], elevated: true });
      if (state.exitCode !== 0) return actx.output(`no PVC backup of this update in ${dir} (or the new version was never applied): the PVCs are left as they are`);
      const [claimText = '', node = ''] = state.stdout.split('\n');
      const claims = claimText.split(/\s+/).filter(Boolean);
      if (claims.length === 0) return actx.output(`${record.name} had no PVCs to restore`);
      for (const workload of await workloadRefs(ctx.runner, namespace, record.name, serviceList, k3sRefs(record).adopted)) {
        const scaled = await ctx.runner.run(kubectl(['scale', workload, '--replicas=0', '-n', namespace]));
        actx.output(scaled.exitCode === 0 ? scaled.stdout.trim() : `${workload}: ${tailOf(scaled.stderr)} (not scaled)`);
      }
      await waitFor(ctx, settings, actx, `the pods of ${record.name} to stop`, async () => (await appPods(ctx, record)).length === 0);
      await withHelper(ctx, record, settings, claims, node.trim() || undefined, actx, async (pod) => {
        for (const claim of claims) actx.output((await must(ctx, { argv: ['sh', '-c', RESTORE_CLAIM, 'sh', namespace, pod, claim, `${dir}/${claim}.tar.gz`], elevated: true, timeoutMs: 30 * 60_000 })).trim());
      });
    },
  };
}

async function withHelper(ctx: ProviderContext, record: DeploymentRecord, settings: K3sSettings, claims: readonly string[], node: string | undefined, actx: ActionContext, work: (pod: string) => Promise<void>): Promise<void> {
  const { namespace } = k3sRefs(record);
  const name = helperName(record.name);
  const remove = kubectl(['delete', 'pod', name, '-n', namespace, '--ignore-not-found']);
  await must(ctx, remove);
  const list = { apiVersion: 'v1', kind: 'List', items: [helperPod(namespace, record.name, claims, settings.helperImage, node)] };
  await must(ctx, kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'], { stdin: JSON.stringify(list) }));
  try {
    let last = '';
    await waitFor(ctx, settings, actx, `helper pod ${name} to run`, async () => {
      const pod = podSchema.parse(await kubectlJson(ctx.runner, ['get', 'pod', name, '-n', namespace]));
      const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
      last = waiting ? `${waiting.reason ?? ''} ${waiting.message ?? ''}`.trim() : (pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message ?? '');
      return pod.status?.phase === 'Running' && pod.status.containerStatuses?.[0]?.state?.running !== undefined;
    }, () => last);
    await work(name);
  } finally {
    await ctx.runner.run(remove);
  }
}

async function waitFor(ctx: ProviderContext, settings: K3sSettings, actx: ActionContext, what: string, done: () => Promise<boolean>, why: () => string = () => ''): Promise<void> {
  const deadline = ctx.clock.now() + settings.rolloutTimeoutSeconds * 1000;
  while (!(await done())) {
    if (ctx.clock.now() > deadline) throw new UserError(`gave up waiting for ${what} after ${settings.rolloutTimeoutSeconds} s${why() ? `: ${why()}` : ''}`, 'see k3s.rolloutTimeoutSeconds and k3s.helperImage in settings.yaml');
    await ctx.clock.sleep(1000, actx.signal);
  }
}

/** The deployment's PVCs: by its labels, or an adopted one's by the names its record keeps. */
async function claimsOf(ctx: ProviderContext, record: DeploymentRecord): Promise<string[]> {
  const refs = k3sRefs(record);
  if (refs.adopted) return (refs.adoptedClaims ?? '').split(',').filter(Boolean).sort();
  const list = listSchema.parse(await kubectlJson(ctx.runner, ['get', 'persistentvolumeclaims', '-n', refs.namespace, '-l', deploymentSelector(record.name)]));
  return list.items.map((c) => (c as { metadata?: { name?: string } }).metadata?.name).filter((n): n is string => typeof n === 'string').sort();
}

/** The app's pods (an adopted one's by its workloads' selectors). */
async function appPods(ctx: ProviderContext, record: DeploymentRecord): Promise<K8sPod[]> {
  const refs = k3sRefs(record);
  if (refs.adopted) return (await readWorkloads(ctx.runner, refs.namespace, record.name, refs.adopted)).pods;
  const list = listSchema.parse(await kubectlJson(ctx.runner, ['get', 'pods', '-n', refs.namespace, '-l', deploymentSelector(record.name)]));
  return list.items.map((p) => podSchema.parse(p));
}

async function writeHostFile(ctx: ProviderContext, path: string, text: string): Promise<void> {
  await must(ctx, { argv: ['sh', '-c', 'cat > "$1"', 'sh', path], stdin: `${text}\n`, elevated: true });
}

async function must(ctx: ProviderContext, command: Command): Promise<string> {
  const result = await ctx.runner.run(command);
  if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, ctx.runner.host, tailOf(result.stderr), 'check the cluster on the host: kubectl get pods -A');
  return result.stdout;
}
