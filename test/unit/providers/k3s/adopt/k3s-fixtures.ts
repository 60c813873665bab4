// `kubectl get deployments,statefulsets,services,ingresses,persistentvolumeclaims -n byhand -o json`
// as the lab's kubectl SIMULATOR answers it (a List; server-side apply's metadata; a PVC Bound with its
// capacity), for a labapp Deployment applied by hand with a Service, a PVC, an Ingress and a Secret env.
export const NAMESPACE_LIST = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'notes', namespace: 'byhand', labels: { app: 'notes' }, uid: 'u1', generation: 1, creationTimestamp: '2026-12-07T19:00:00Z', managedFields: [{ manager: 'by-hand', operation: 'Apply' }] },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'notes' } },
        template: {
          metadata: { labels: { app: 'notes' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'local/labapp:1',
                ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }],
                env: [
                  { name: 'GREETING', value: 'hi' },
                  { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'notes-secrets', key: 'token' } } },
                ],
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              },
            ],
            volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'notes-data' } }],
          },
        },
      },
      status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'other', namespace: 'byhand' },
      spec: { selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'x', image: 'busybox:1.36' }] } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'notes-web', namespace: 'byhand' },
      spec: { selector: { app: 'notes' }, ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'other', namespace: 'byhand' }, spec: { selector: { app: 'other' }, ports: [{ port: 9000 }] } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'notes', namespace: 'byhand' },
      spec: { ingressClassName: 'traefik', rules: [{ host: 'notes.lab', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'notes-web', port: { number: 80 } } } }] } }] },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'notes-data', namespace: 'byhand' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '64M' } } },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '64M' } },
    },
  ],
};

/** `kubectl get deployments,statefulsets -A -l app.kubernetes.io/managed-by!=homelab-tui -o json` beside it. */
export const UNMANAGED_LIST = {
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system' }, spec: { replicas: 1, template: { spec: { containers: [{ image: 'coredns' }] } } } },
    NAMESPACE_LIST.items[0],
    NAMESPACE_LIST.items[1],
  ],
};
