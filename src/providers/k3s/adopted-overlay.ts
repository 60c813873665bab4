import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { UserError } from '../../platform/errors.js';
import type { RenderedService } from '../../platform/recipe/render/rendered.js';
import type { K3sInputs } from './inputs.js';
import type { K8sObject } from './manifests.js';
import type { AdoptedWorkload } from './refs.js';

/** One adopted object as it runs, and as the answers want it: the same object with what they drive set. */
export interface Overlay {
  live: K8sObject;
  wanted: K8sObject;
  /** The fields the answers drive, for the review (the rest of the object is as its maker left it). */
  template: unknown;
}

type Container = { name: string; image?: string; env?: Array<{ name: string; value?: string; valueFrom?: unknown }> };
type PodSpec = { containers: Container[] };

function repository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const bare = colon > slash ? noDigest.slice(0, colon) : noDigest;
  // Podman names local images localhost/…: the same image as the recipe's local/….
  return bare.replace(/^(docker\.io\/(library\/)?|localhost\/)/, '');
}

/** The container that runs the recipe's service: the one with its image's repository, or the only one. */
function containerOf(spec: PodSpec, service: RenderedService): Container | undefined {
  const wanted = repository(service.image);
  return spec.containers.find((c) => repository(c.image ?? '') === wanted) ?? (spec.containers.length === 1 ? spec.containers[0] : undefined);
}

/**
 * An adopted workload with the env values the answers render set in its container (added when
 * missing); values from Secrets are left alone (homelab-tui never read them). Its names, labels,
 * selector, image and everything else stay as they were made.
 */
function workloadOverlay(live: K8sObject, adopted: AdoptedWorkload, service: RenderedService): Overlay {
  const wanted = structuredClone(live) as K8sObject & { spec: { template: { spec: PodSpec } } };
  const container = containerOf(wanted.spec.template.spec, service);
  if (!container) throw new UserError(`${adopted.kind}/${adopted.name} has no container that runs the recipe's ${service.name} (${service.image})`, 'nothing was changed; adopt it again (homelab-tui adopt) if its containers changed');
  const secret = new Set(service.secretEnv);
  const plain = Object.entries(service.env).filter(([k]) => !secret.has(k));
  const env = [...(container.env ?? [])];
  for (const [name, value] of plain) {
    const at = env.findIndex((e) => e.name === name);
    if (at >= 0) env[at] = { name, value };
    else env.push({ name, value });
  }
  if (env.length) container.env = env;
  const template = { metadata: { name: adopted.name }, spec: { template: { spec: { containers: [{ name: container.name, env: plain.map(([name, value]) => ({ name, value })) }] } } } };
  return { live, wanted, template };
}

/** An adopted Ingress with the host the answer gives on its first rule. */
function ingressOverlay(live: K8sObject, host: string): Overlay {
  const wanted = structuredClone(live) as K8sObject & { spec?: { rules?: Array<{ host?: string }> } };
  const rule = wanted.spec?.rules?.[0];
  if (rule) rule.host = host;
  return { live, wanted, template: { metadata: { name: live.metadata.name }, spec: { rules: [{ host }] } } };
}

/**
 * What a reconfigure changes in an adopted deployment: the env its answers render in each adopted
 * workload's container, the host of its Ingress. An Ingress it does not have is not added, and the one
 * it has is not deleted (it is the user's object): both are refused, with the way to do it.
 */
export function adoptedOverlays(record: DeploymentRecord, adopted: readonly AdoptedWorkload[], objects: readonly string[], live: readonly K8sObject[], after: K3sInputs): Overlay[] {
  const out: Overlay[] = [];
  for (const a of adopted) {
    const object = live.find((o) => o.kind === a.kind && o.metadata.name === a.name);
    const service = after.services.find((s) => s.name === a.service);
    if (!object) throw new UserError(`${record.name}: its ${a.kind} ${a.name} is not in the cluster`, 'nothing was changed; see it with kubectl get all -n NAMESPACE, or uninstall it');
    if (service) out.push(workloadOverlay(object, a, service));
  }
  const ingressName = objects.find((o) => o.startsWith('Ingress/'))?.slice('Ingress/'.length);
  const ingress = ingressName ? live.find((o) => o.kind === 'Ingress' && o.metadata.name === ingressName) : undefined;
  const host = after.ingress?.host;
  if (host !== undefined && !ingress) throw new UserError(`"k3s_ingress_host" of ${record.name}: the adopted workload has no Ingress, and reconfigure does not add one to what homelab-tui did not make; nothing was changed`, 'add an Ingress with kubectl, then adopt it again (uninstall without --purge, adopt)');
  if (host === undefined && ingress) throw new UserError(`"k3s_ingress_host" of ${record.name}: the adopted Ingress ${ingress.metadata.name} is not deleted by reconfigure; nothing was changed`, `delete it with kubectl delete ingress ${ingress.metadata.name} -n ${ingress.metadata.namespace ?? ''} if it should go`);
  if (host !== undefined && ingress) out.push(ingressOverlay(ingress, host));
  return out;
}
