import { stringify } from 'yaml';
import type { K3sSettings } from '../../platform/config/k3s-settings.js';
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { recordPath, writeRecord } from '../../platform/deployments/record-store.js';
import { UserError } from '../../platform/errors.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import type { ProviderContext } from '../provider.js';
import type { FileChange, ReconfigureChange, ReconfigureProposal } from '../reconfigure.js';
import { adoptedOverlays } from './adopted-overlay.js';
import { projectOnto, sameSettings, settingsOf } from './applied-view.js';
import type { K3sInputs } from './inputs.js';
import { kubectl } from './kubectl.js';
import { renderManifests, type K8sObject } from './manifests.js';
import { applyAction } from './plan-install.js';
import { appliedSet, applicable, gateAction } from './plan-update.js';
import { k3sRefs } from './refs.js';

/** Kinds a reconfigure never applies: the namespace stays; Secrets hold values it never reads; PVCs hold the data. */
const HELD = ['Namespace', 'Secret', 'PersistentVolumeClaim'];
const WORKLOADS = ['Deployment', 'StatefulSet'];

/** One object the change touches: as it runs (undefined: not there yet), as wanted (undefined: it goes), and the view the review compares. */
interface ObjectChange {
  key: string;
  live?: K8sObject;
  wanted?: K8sObject;
  shownBefore: unknown;
  shownAfter: unknown;
}

const keyOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;

function refuse(record: DeploymentRecord, what: string, hint: string): never {
  throw new UserError(`"${record.name}": ${what} cannot be changed in place; nothing was changed`, hint);
}

function held(objects: readonly K8sObject[], kind: string): string {
  return JSON.stringify(objects.filter((o) => o.kind === kind));
}

/**
 * A deployment homelab-tui installed: each object it renders (but the held kinds) against the same
 * object as it runs, cut down to what homelab-tui sets (so the server's defaults are no change, and
 * a field changed by hand is one). An object the new answers no longer render (an Ingress whose host
 * was emptied) is deleted.
 */
function managedChanges(before: K8sObject[], after: K8sObject[], live: readonly K8sObject[]): ObjectChange[] {
  const keys = [...new Set([...after, ...before].filter((o) => !HELD.includes(o.kind)).map(keyOf))];
  const changes: ObjectChange[] = [];
  for (const key of keys) {
    const b = before.find((o) => keyOf(o) === key);
    const a = after.find((o) => keyOf(o) === key);
    const running = live.find((o) => keyOf(o) === key);
    const view = running ? projectOnto(running, [a, b].filter((x) => x !== undefined)) : undefined;
    if (a ? view !== undefined && sameSettings(view, a) : !running) continue;
    changes.push({ key, ...(running ? { live: running } : {}), ...(a ? { wanted: a } : {}), shownBefore: view, shownAfter: a });
  }
  return changes;
}

function yamlOf(view: unknown): string {
  return view === undefined ? '' : stringify(settingsOf(view), { lineWidth: 0 });
}

/**
 * Changes a k3s deployment's configuration in place: the objects whose settings change are applied
 * server-side (Secrets and PVCs never: a change to them is refused before anything happens), the
 * ones the answers no longer render are deleted, the rollout and the app's probe gate it, then the
 * record is written. Undo applies the objects as they ran before (read from the cluster when the plan
 * is made), deletes the ones it added, and waits for the old configuration to be healthy. An adopted
 * deployment changes only where its answers reach: the env of its containers and its Ingress host.
 */
export async function planK3sReconfigure(ctx: ProviderContext, record: DeploymentRecord, change: ReconfigureChange<K3sInputs>, settings: K3sSettings): Promise<ReconfigureProposal> {
  const refs = k3sRefs(record);
  const { before, after } = change;
  if (after.namespace !== refs.namespace) refuse(record, 'the namespace', 'a deployment moves by a backup, an install in the new namespace and a restore there');
  const renderedBefore = renderManifests(record.name, before);
  const renderedAfter = renderManifests(record.name, after);
  if (held(renderedBefore, 'PersistentVolumeClaim') !== held(renderedAfter, 'PersistentVolumeClaim')) refuse(record, 'a data volume (its PVC, storage class or size)', 'data is moved by a backup, then a restore into a new install with the new volume');
  if (held(renderedBefore, 'Secret') !== held(renderedAfter, 'Secret')) refuse(record, 'an env value holding secrets', 'secrets are changed by a new install of the deployment (back up first)');
  const live = await appliedSet(ctx, record);
  const changes: ObjectChange[] = refs.adopted
    ? adoptedOverlays(record, refs.adopted, (refs.adoptedObjects ?? '').split(','), live, after)
        .map((o) => ({ key: keyOf(o.live), live: o.live, wanted: o.wanted, shownBefore: projectOnto(o.live, [o.template]), shownAfter: projectOnto(o.wanted, [o.template]) }))
        .filter((c) => !sameSettings(c.shownBefore, c.shownAfter))
    : managedChanges(renderedBefore, renderedAfter, live);
  const files: FileChange[] = changes.map((c) => ({ path: `${c.key} in namespace ${refs.namespace}`, before: yamlOf(c.shownBefore), after: yamlOf(c.shownAfter) }));
  const next = nextRecord(change.record, before, after);
  const urlsChange = JSON.stringify(next.urls) !== JSON.stringify(record.urls);
  if (changes.length === 0 && !urlsChange) return { plan: { kind: 'reconfigure', deployment: record.name, host: ctx.hostName, provider: 'k3s', app: record.app, steps: [], secrets: [] }, files, actions: [], preflight: [] };
  const applied = changes.flatMap((c) => (c.wanted ? [c.wanted] : []));
  const deleted = changes.filter((c) => !c.wanted).map((c) => c.key.toLowerCase());
  const added = changes.filter((c) => !c.live).map((c) => c.key.toLowerCase());
  const previous = changes.flatMap((c) => (c.live ? [applicable(c.live as Record<string, unknown>)] : []));
  const gate = gateAction(ctx, next, settings);
  const oldGate = gateAction(ctx, record, settings);
  const del = (objects: string[]): PlanAction => ({ kind: 'run', command: kubectl(['delete', ...objects, '-n', refs.namespace, '--ignore-not-found'], { timeoutMs: 120_000 }) });
  const steps: PlanStep[] = [
    ...(changes.length
      ? [
          {
            id: 'apply',
            title: `Apply ${changes.map((c) => c.key).join(', ')} in namespace ${refs.namespace}`,
            actions: [...(applied.length ? [applyAction(applied, '(the new configuration)')] : []), ...(deleted.length ? [del(deleted)] : [])],
            undo: [...(added.length ? [del(added)] : []), ...(previous.length ? [applyAction(previous, 'as they ran before')] : []), { ...oldGate, description: `the previous configuration is healthy again: ${oldGate.check.describe()}` }],
          },
          { id: 'gate', title: `Health gate: ${record.app} rolls out and answers`, actions: [gate] },
        ]
      : []),
    {
      id: 'record',
      title: 'Write the deployment record',
      actions: [{ kind: 'call', description: `write ${recordPath(record.name)} on ${ctx.runner.host}`, run: () => writeRecord(ctx.runner, next) }],
      undo: [{ kind: 'call', description: `put back the previous ${recordPath(record.name)}`, run: () => writeRecord(ctx.runner, record) }],
      recordChange: { kind: 'write', record: next },
    },
  ];
  const rollsOut = changes.some((c) => c.wanted && WORKLOADS.includes(c.wanted.kind));
  return {
    plan: { kind: 'reconfigure', deployment: record.name, host: ctx.hostName, provider: 'k3s', app: record.app, steps, secrets: [] },
    files,
    actions: [
      ...changes.filter((c) => c.wanted).map((c) => `kubectl apply --server-side ${c.key}${c.wanted && WORKLOADS.includes(c.wanted.kind) ? ' (its pods are replaced by a rollout)' : ''}`),
      ...deleted.map((d) => `kubectl delete ${d} -n ${refs.namespace}`),
      ...(changes.length === 0 ? ['write the record (its URL follows the new answers); nothing in the cluster changes'] : []),
    ],
    preflight: [],
    interrupts: rollsOut ? ['apply', 'gate'] : [],
  };
}

/** The record after the change: its answers, and its URL following the Ingress host. */
function nextRecord(record: DeploymentRecord, before: K3sInputs, after: K3sInputs): DeploymentRecord {
  const old = before.ingress ? `http://${before.ingress.host}/` : undefined;
  const kept = record.urls.filter((u) => u !== old);
  return { ...record, urls: after.ingress ? [`http://${after.ingress.host}/`, ...kept.filter((u) => u !== `http://${after.ingress?.host}/`)] : kept };
}
