import type { K3sSettings } from '../../platform/config/k3s-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { CommandError, tailOf, UserError } from '../../platform/errors.js';
import { allOf } from '../../platform/health/health-check.js';
import { HOST_STATE_DIR } from '../../platform/operation/host-state.js';
import { describeAction, runAction } from '../../platform/operation/run-action.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext, UpdateRequest, UpdateSteps } from '../provider.js';
import { rolloutCheck, serviceProbeCheck } from './checks.js';
import { kubectl, kubectlJson } from './kubectl.js';
import { deploymentSelector, FIELD_MANAGER } from './labels.js';
import type { K8sObject } from './manifests.js';
import { listSchema } from './objects.js';
import { applyAction } from './plan-install.js';
import { backupPvcsAction, dataBackupDir, markApplyingAction, restorePvcsAction } from './pvc-backup.js';
import { readWorkloads } from './read-workloads.js';
import { k3sRefs } from './refs.js';
import { rolloutOf } from './rollout.js';

/** What an update re-applies on rollback: the whole applied set, not only the pod templates (PVCs stay as they are). */
const UPDATED_KINDS = 'deployments,statefulsets,services,ingresses,secrets,configmaps';
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];

/** Where the applied set of the version before an update is kept on the host while the update runs (0600: it holds the Secrets). */
export function savedSetFile(name: string): string {
  return `${HOST_STATE_DIR}/k3s/${name}.before-update.json`;
}

/** An object as read back, without what the server sets (so it can be applied again). */
export function applicable(object: Record<string, unknown>): K8sObject {
  const { status: _status, ...rest } = object as K8sObject & { status?: unknown };
  const meta = { ...(object.metadata as Record<string, unknown>) };
  for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink']) delete meta[key];
  const annotations = Object.fromEntries(Object.entries((meta.annotations as Record<string, string> | undefined) ?? {}).filter(([k]) => k !== 'deployment.kubernetes.io/revision' && k !== 'kubectl.kubernetes.io/last-applied-configuration'));
  if (Object.keys(annotations).length) meta.annotations = annotations;
  else delete meta.annotations;
  return { ...rest, metadata: meta as K8sObject['metadata'] };
}

/** The applied set with each listed workload's (Deployment's or StatefulSet's) container image replaced; `statefulSets` names those whose image changed. */
export function withImages(objects: readonly K8sObject[], images: Readonly<Record<string, string>>): { objects: K8sObject[]; changes: string[]; statefulSets: string[] } {
  const changes: string[] = [];
  const statefulSets: string[] = [];
  const out = objects.map((o) => {
    const image = images[o.metadata.name];
    if (!WORKLOAD_KINDS.includes(o.kind) || image === undefined) return o;
    const copy = structuredClone(o) as K8sObject & { spec: { template: { spec: { containers: { image: string }[] } } } };
    const container = copy.spec.template.spec.containers[0];
    if (container && container.image !== image) {
      changes.push(`${o.metadata.name}: ${container.image} -> ${image}`);
      container.image = image;
      if (o.kind === 'StatefulSet') statefulSets.push(o.metadata.name);
    }
    return copy;
  });
  return { objects: out, changes, statefulSets };
}

/**
 * An update on k3s: the applied set is read and kept on the host (fetch: nothing running changes),
 * the set with the new images applied server-side, and the gate (rollout by kubectl's rules, then the
 * app's probe through its Service). The apply step's undo is the rollback: the whole old set applied
 * again (Secrets, Services, Ingress too: not `rollout undo`, which reverts only the pod template),
 * the data from the update's backup, and the gate on the old version.
 */
export async function planK3sUpdate(ctx: ProviderContext, record: DeploymentRecord, request: UpdateRequest, settings: K3sSettings): Promise<UpdateSteps> {
  const refs = k3sRefs(record);
  const before = await appliedSet(ctx, record);
  if (!before.some((o) => WORKLOAD_KINDS.includes(o.kind))) throw new UserError(`${record.name}: no workloads in namespace ${refs.namespace} on ${ctx.hostName}`, 'nothing was changed; reinstall it, or uninstall it');
  // An adopted workload keeps its own name: the recipe service's image goes to the workload that runs it.
  const images = refs.adopted ? Object.fromEntries(refs.adopted.flatMap((a) => (request.images[a.service] !== undefined ? [[a.name, request.images[a.service] as string]] : []))) : request.images;
  const { objects: after, changes, statefulSets } = withImages(before, images);
  const saved = savedSetFile(record.name);
  const gate = gateAction(ctx, record, settings);
  const oldSet = { apiVersion: 'v1', kind: 'List', items: before };
  const dataDir = dataBackupDir(record.name);
  // Only an update to a version that migrates the data copies the PVCs (a copy of a large library on every update would be slow).
  const pvcs = request.migratesData === true;
  return {
    fetch: {
      id: 'fetch',
      title: `Keep the applied set of ${record.app} ${request.from}${pvcs ? ` and a copy of its PVCs (${request.to} migrates the data)` : ''} (the running version is not touched)`,
      actions: [
        { kind: 'run', command: { argv: ['mkdir', '-p', '-m', '700', '--', `${HOST_STATE_DIR}/k3s`] } },
        { kind: 'run', command: { argv: ['rm', '-rf', '--', saved, dataDir] }, description: `remove ${saved} and ${dataDir} left by an earlier update` },
        { kind: 'write', path: saved, content: JSON.stringify(oldSet), mode: 0o600, description: `write ${saved} (mode 0600: ${before.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')})` },
        ...(pvcs ? [backupPvcsAction(ctx, record, settings)] : []),
      ],
    },
    apply: {
      id: 'apply',
      title: `Run ${record.app} ${request.to}`,
      actions: [...(pvcs ? [markApplyingAction(record)] : []), applyAction(after, `of ${record.app} ${request.to} (field manager ${FIELD_MANAGER})`)],
      // The PVCs come back while the app is scaled to zero, before the old set starts it again.
      undo: [
        ...(pvcs ? [restorePvcsAction(ctx, record, settings)] : []),
        applyAction(before, `of ${record.app} ${request.from}, the whole set`),
        ...(statefulSets.length ? [replaceStuckStatefulPods(ctx, record)] : []),
        ...request.restoreData, { ...gate, description: `health gate on ${record.app} ${request.from}: ${gate.check.describe()}` }],
    },
    // Once the gate passed, the kept set and PVC copies are not needed: an undo then finds nothing to roll back.
    gate: { id: 'gate', title: `Health gate: ${record.app} ${request.to} rolls out and answers`, actions: [gate, { kind: 'run', command: { argv: ['rm', '-rf', '--', saved, dataDir] }, description: `remove ${saved}${pvcs ? ` and ${dataDir}` : ''}` }] },
    changes,
    digests: async () => {
      const pods = listSchema.parse(await kubectlJson(ctx.runner, ['get', 'pods', '-n', refs.namespace, '-l', deploymentSelector(record.name)]));
      const out: Record<string, string> = {};
      for (const pod of pods.items as { metadata?: { labels?: Record<string, string> }; status?: { containerStatuses?: { imageID?: string }[] } }[]) {
        const service = pod.metadata?.labels?.['app.kubernetes.io/component'];
        const id = pod.status?.containerStatuses?.[0]?.imageID;
        if (service && id) out[service] = id.startsWith('sha256:') || id.includes('@') ? id : `sha256:${id}`;
      }
      return out;
    },
  };
}

/** The deployment's objects as applied, read back: by its labels, or an adopted one's by the names its record keeps. */
export async function appliedSet(ctx: ProviderContext, record: DeploymentRecord): Promise<K8sObject[]> {
  const refs = k3sRefs(record);
  const selector = refs.adopted ? [] : ['-l', deploymentSelector(record.name)];
  const list = listSchema.parse(await kubectlJson(ctx.runner, ['get', UPDATED_KINDS, '-n', refs.namespace, ...selector]));
  const named = new Set([...(refs.adopted ?? []).map((a) => `${a.kind}/${a.name}`), ...(refs.adoptedObjects ?? '').split(',').filter(Boolean)]);
  const objects = list.items.map((o) => applicable(o as Record<string, unknown>));
  return refs.adopted ? objects.filter((o) => named.has(`${o.kind}/${o.metadata.name}`)) : objects;
}

/** Takes back an interrupted update: when the kept set is on the host, it is applied again, then the data and the gate. */
export async function k3sInterruptedUpdateStep(ctx: ProviderContext, record: DeploymentRecord, request: { from: string; restoreData: readonly PlanAction[] }, settings: K3sSettings): Promise<PlanStep> {
  const saved = savedSetFile(record.name);
  const gate = gateAction(ctx, record, settings);
  const actions: PlanAction[] = [
    // Does nothing unless the update copied the PVCs and had begun applying the new version.
    restorePvcsAction(ctx, record, settings),
    { kind: 'run', command: kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--force-conflicts', '-f', saved], { timeoutMs: 120_000 }), description: `apply ${saved} (${record.app} ${request.from}) again` },
    replaceStuckStatefulPods(ctx, record),
    ...request.restoreData,
    gate,
  ];
  return {
    id: 'rollback',
    title: `Roll back to ${record.app} ${request.from} if the update had kept its applied set`,
    actions: [
      {
        kind: 'call',
        description: `if ${saved} is there: ${actions.map((a) => describeAction(a)).join('; ')}`,
        run: async (actx) => {
          if ((await ctx.runner.run({ argv: ['test', '-e', saved], elevated: true })).exitCode !== 0) {
            actx.output(`${saved} is not there: the update had not changed ${record.name}; nothing to roll back`);
            return;
          }
          for (const action of actions) {
            actx.output(`→ ${describeAction(action)}`);
            await runAction(action, ctx.runner, ctx.clock, actx);
          }
        },
      },
    ],
  };
}

/**
 * A StatefulSet (OrderedReady) never replaces a pod that is not Running and Ready, so a pod of a
 * broken new version stays even after the old template is applied again (Kubernetes docs,
 * StatefulSets, "Forced rollback"). After the old set is applied, the pods of every StatefulSet of the
 * deployment that has not rolled out to it are deleted; the controller makes them again from the old
 * template, on the same PVC.
 */
export function replaceStuckStatefulPods(ctx: ProviderContext, record: DeploymentRecord): PlanAction {
  const { namespace, adopted } = k3sRefs(record);
  // An adopted StatefulSet's pods carry their maker's labels: found by the selector its record keeps.
  const podsSelector = (name: string) => {
    const own = adopted?.find((a) => a.kind === 'StatefulSet' && a.name === name);
    return own ? Object.entries(own.selector).map(([k, v]) => `${k}=${v}`).join(',') : deploymentSelector(record.name, name);
  };
  return {
    kind: 'call',
    description: `delete the pods of each statefulset of ${record.name} not at the old template yet, so it makes them again from it (a StatefulSet does not replace a pod that never got ready)`,
    run: async (actx) => {
      const { workloads } = await readWorkloads(ctx.runner, namespace, record.name, adopted);
      for (const sts of workloads.filter((w) => w.kind === 'StatefulSet' && rolloutOf(w).state !== 'done')) {
        const command = kubectl(['delete', 'pods', '-n', namespace, '-l', podsSelector(sts.metadata.name), '--ignore-not-found']);
        const result = await ctx.runner.run(command);
        if (result.exitCode !== 0) throw new CommandError(command.argv, result.exitCode, ctx.runner.host, tailOf(result.stderr), `delete them by hand: kubectl delete pods -n ${namespace} -l ${podsSelector(sts.metadata.name)}`);
        actx.output(result.stdout.trim() || `statefulset/${sts.metadata.name}: no pods to replace`);
      }
    },
  };
}

/** The gate of a k3s change: every workload rolled out, then the app's probe through its Service when it has a path. */
export function gateAction(ctx: ProviderContext, record: DeploymentRecord, settings: K3sSettings): Extract<PlanAction, { kind: 'wait' }> {
  const refs = k3sRefs(record);
  const rollout = rolloutCheck(ctx.runner, refs.namespace, record.name, refs.serviceList, refs.adopted);
  const checks = refs.probePath !== undefined ? [rollout, serviceProbeCheck(ctx.runner, refs.namespace, refs.probeService, refs.probePort, refs.probePath, refs.probeBody)] : [rollout];
  return { kind: 'wait', check: allOf(checks), timeoutMs: settings.rolloutTimeoutSeconds * 1000, intervalMs: 2000 };
}
