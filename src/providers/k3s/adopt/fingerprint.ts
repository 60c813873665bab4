import { z } from 'zod';

/** One container of a workload as it runs: enough to match a recipe and read its answers back. */
export interface ContainerFingerprint {
  name: string;
  image: string;
  ports: Array<{ name?: string; container: number; protocol: string }>;
  /** Plain values; a value from a Secret (or a ConfigMap) is named, never read. */
  env: Array<{ name: string; value?: string; secret?: { name: string; key: string } }>;
  mounts: Array<{ volume: string; path: string }>;
}

/** A hand-made Deployment or StatefulSet and what stands around it in its namespace. */
export interface WorkloadFingerprint {
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  /** The pod selector (spec.selector.matchLabels): how its pods are found, since they carry no homelab-tui labels. */
  selector: Record<string, string>;
  containers: ContainerFingerprint[];
  /** Pod volumes backed by a PVC, with the claim's size and storage class when the claim is there. */
  claims: Array<{ volume: string; claim: string; size?: string; storageClass?: string }>;
  /** The Services whose selector picks its pods, with their ports (port → targetPort). */
  services: Array<{ name: string; ports: Array<{ name?: string; port: number; target: number | string }> }>;
  /** Ingress rules that route to one of those Services. */
  ingresses: Array<{ name: string; host: string; service: string }>;
}

const labels = z.record(z.string(), z.string());
const meta = z.looseObject({ name: z.string(), namespace: z.string().optional(), labels: labels.optional() });
const container = z.looseObject({
  name: z.string(),
  image: z.string().default(''),
  ports: z.array(z.looseObject({ name: z.string().optional(), containerPort: z.number(), protocol: z.string().optional() })).optional(),
  env: z.array(z.looseObject({ name: z.string(), value: z.string().optional(), valueFrom: z.looseObject({ secretKeyRef: z.looseObject({ name: z.string(), key: z.string() }).optional() }).optional() })).optional(),
  volumeMounts: z.array(z.looseObject({ name: z.string(), mountPath: z.string() })).optional(),
});
const workload = z.looseObject({
  kind: z.enum(['Deployment', 'StatefulSet']),
  metadata: meta,
  spec: z.looseObject({
    selector: z.looseObject({ matchLabels: labels.optional() }).optional(),
    template: z.looseObject({
      spec: z.looseObject({
        containers: z.array(container),
        volumes: z.array(z.looseObject({ name: z.string(), persistentVolumeClaim: z.looseObject({ claimName: z.string() }).optional() })).optional(),
      }),
    }),
  }),
});
const service = z.looseObject({
  kind: z.literal('Service'),
  metadata: meta,
  spec: z.looseObject({ selector: labels.optional(), ports: z.array(z.looseObject({ name: z.string().optional(), port: z.number(), targetPort: z.union([z.number(), z.string()]).optional() })).optional() }),
});
const claim = z.looseObject({
  kind: z.literal('PersistentVolumeClaim'),
  metadata: meta,
  spec: z.looseObject({ storageClassName: z.string().optional(), resources: z.looseObject({ requests: z.record(z.string(), z.string()).optional() }).optional() }).optional(),
  status: z.looseObject({ capacity: z.record(z.string(), z.string()).optional() }).optional(),
});
const ingress = z.looseObject({
  kind: z.literal('Ingress'),
  metadata: meta,
  spec: z.looseObject({
    rules: z.array(z.looseObject({ host: z.string().optional(), http: z.looseObject({ paths: z.array(z.looseObject({ backend: z.looseObject({ service: z.looseObject({ name: z.string() }).optional() }) })) }).optional() })).optional(),
  }).optional(),
});

/** What kubectl reads for a fingerprint: the namespace's workloads, Services, Ingresses and PVCs (one call). */
export const FINGERPRINT_KINDS = 'deployments,statefulsets,services,ingresses,persistentvolumeclaims';

function selects(selector: Record<string, string> | undefined, podLabels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => podLabels[k] === v);
}

/**
 * `kubectl get deployments,statefulsets,services,ingresses,persistentvolumeclaims -n NS -o json` to
 * the fingerprint of the workload NAME (pure); undefined when it is not there, a message when the
 * output cannot be read.
 */
export function parseWorkloadFingerprint(stdout: string, namespace: string, name: string): WorkloadFingerprint | undefined | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { problem: 'kubectl printed something that is not JSON' };
  }
  const items = z.looseObject({ items: z.array(z.looseObject({ kind: z.string().optional() })) }).safeParse(json);
  if (!items.success) return { problem: 'kubectl printed JSON without items' };
  const of = <T>(schema: z.ZodType<T>, kind: string): T[] => items.data.items.filter((i) => i.kind === kind).flatMap((i) => {
    const parsed = schema.safeParse(i);
    return parsed.success ? [parsed.data] : [];
  });
  const raw = items.data.items.find((i) => (i.kind === 'Deployment' || i.kind === 'StatefulSet') && (i as { metadata?: { name?: string } }).metadata?.name === name);
  if (!raw) return undefined;
  const parsed = workload.safeParse(raw);
  if (!parsed.success) return { problem: `the ${raw.kind} has another shape: ${parsed.error.issues[0]?.path.join('.') ?? ''}` };
  const w = parsed.data;
  const podLabels = (raw as { spec?: { template?: { metadata?: { labels?: Record<string, string> } } } }).spec?.template?.metadata?.labels ?? {};
  const pvcs = of(claim, 'PersistentVolumeClaim');
  const claims = (w.spec.template.spec.volumes ?? []).flatMap((v) => {
    if (!v.persistentVolumeClaim) return [];
    const found = pvcs.find((c) => c.metadata.name === v.persistentVolumeClaim?.claimName);
    const size = found?.status?.capacity?.storage ?? found?.spec?.resources?.requests?.storage;
    return [{ volume: v.name, claim: v.persistentVolumeClaim.claimName, ...(size ? { size } : {}), ...(found?.spec?.storageClassName ? { storageClass: found.spec.storageClassName } : {}) }];
  });
  const services = of(service, 'Service')
    .filter((s) => selects(s.spec.selector, podLabels))
    .map((s) => ({ name: s.metadata.name, ports: (s.spec.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, target: p.targetPort ?? p.port })) }));
  const ingresses = of(ingress, 'Ingress').flatMap((i) =>
    (i.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).flatMap((p) => {
      const to = p.backend.service?.name;
      return r.host && to && services.some((s) => s.name === to) ? [{ name: i.metadata.name, host: r.host, service: to }] : [];
    })),
  );
  return {
    kind: w.kind,
    namespace,
    name,
    selector: w.spec.selector?.matchLabels ?? {},
    containers: w.spec.template.spec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      ports: (c.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), container: p.containerPort, protocol: (p.protocol ?? 'TCP').toLowerCase() })),
      env: (c.env ?? []).map((e) => (e.valueFrom?.secretKeyRef ? { name: e.name, secret: { name: e.valueFrom.secretKeyRef.name, key: e.valueFrom.secretKeyRef.key } } : { name: e.name, ...(e.value !== undefined && !e.valueFrom ? { value: e.value } : {}) })),
      mounts: (c.volumeMounts ?? []).map((m) => ({ volume: m.name, path: m.mountPath })),
    })),
    claims,
    services,
    ingresses: [...new Map(ingresses.map((i) => [`${i.name}/${i.host}`, i])).values()],
  };
}
