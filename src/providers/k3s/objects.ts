import { z } from 'zod';

/** The parts of kubectl's JSON the provider reads (anything else is ignored). */
const condition = z.looseObject({ type: z.string(), status: z.string(), reason: z.string().optional(), message: z.string().optional() });
const meta = z.looseObject({ name: z.string(), uid: z.string().optional(), namespace: z.string().optional(), labels: z.record(z.string(), z.string()).optional(), generation: z.number().optional() });

export const deploymentSchema = z.looseObject({
  kind: z.literal('Deployment'),
  metadata: meta,
  spec: z.looseObject({ replicas: z.number().optional(), template: z.looseObject({ spec: z.looseObject({ containers: z.array(z.looseObject({ name: z.string(), image: z.string() })) }) }) }),
  status: z
    .looseObject({
      observedGeneration: z.number().optional(),
      replicas: z.number().optional(),
      updatedReplicas: z.number().optional(),
      readyReplicas: z.number().optional(),
      availableReplicas: z.number().optional(),
      conditions: z.array(condition).optional(),
    })
    .optional(),
});
export type K8sDeployment = z.output<typeof deploymentSchema>;

export const statefulSetSchema = z.looseObject({
  kind: z.literal('StatefulSet'),
  metadata: meta,
  spec: z.looseObject({
    replicas: z.number().optional(),
    updateStrategy: z.looseObject({ type: z.string().optional(), rollingUpdate: z.looseObject({ partition: z.number().optional() }).optional() }).optional(),
    template: z.looseObject({ spec: z.looseObject({ containers: z.array(z.looseObject({ name: z.string(), image: z.string() })) }) }),
  }),
  status: z
    .looseObject({
      observedGeneration: z.number().optional(),
      replicas: z.number().optional(),
      readyReplicas: z.number().optional(),
      updatedReplicas: z.number().optional(),
      currentRevision: z.string().optional(),
      updateRevision: z.string().optional(),
    })
    .optional(),
});
export type K8sStatefulSet = z.output<typeof statefulSetSchema>;

/** A service's workload: a Deployment, or a StatefulSet (a database server). */
export type K8sWorkload = K8sDeployment | K8sStatefulSet;

/** `deployment/NAME` or `statefulset/NAME`, as kubectl takes a workload. */
export function workloadRef(workload: Pick<K8sWorkload, 'kind' | 'metadata'>): string {
  return `${workload.kind.toLowerCase()}/${workload.metadata.name}`;
}

const containerState = z.looseObject({
  running: z.looseObject({ startedAt: z.string().optional() }).optional(),
  waiting: z.looseObject({ reason: z.string().optional(), message: z.string().optional() }).optional(),
  terminated: z.looseObject({ exitCode: z.number().optional(), reason: z.string().optional() }).optional(),
});

export const podSchema = z.looseObject({
  kind: z.literal('Pod'),
  metadata: meta,
  spec: z.looseObject({ nodeName: z.string().optional() }),
  status: z
    .looseObject({
      phase: z.string().optional(),
      conditions: z.array(condition).optional(),
      containerStatuses: z.array(z.looseObject({ name: z.string(), ready: z.boolean(), restartCount: z.number(), image: z.string().optional(), state: containerState.optional(), lastState: containerState.optional() })).optional(),
    })
    .optional(),
});
export type K8sPod = z.output<typeof podSchema>;

export const nodeSchema = z.looseObject({
  metadata: meta,
  status: z.looseObject({ allocatable: z.record(z.string(), z.string()).optional(), nodeInfo: z.looseObject({ architecture: z.string().optional(), kubeletVersion: z.string().optional() }).optional() }).optional(),
});
export type K8sNode = z.output<typeof nodeSchema>;

export const listSchema = z.looseObject({ items: z.array(z.looseObject({ kind: z.string().optional() })) });

/** Items of a List of several kinds, each parsed by its kind's schema (unknown kinds dropped); `workloads` are the Deployments and StatefulSets. */
export function splitList(value: unknown): { workloads: K8sWorkload[]; pods: K8sPod[] } {
  const list = listSchema.parse(value);
  const workloads: K8sWorkload[] = [];
  const pods: K8sPod[] = [];
  for (const item of list.items) {
    if (item.kind === 'Deployment') workloads.push(deploymentSchema.parse(item));
    else if (item.kind === 'StatefulSet') workloads.push(statefulSetSchema.parse(item));
    else if (item.kind === 'Pod') pods.push(podSchema.parse(item));
  }
  return { workloads, pods };
}
