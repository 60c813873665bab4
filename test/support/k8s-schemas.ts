import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'schemas', 'k8s');
const FILES: Record<string, string> = {
  Namespace: 'namespace-v1.json',
  Secret: 'secret-v1.json',
  ConfigMap: 'configmap-v1.json',
  PersistentVolumeClaim: 'persistentvolumeclaim-v1.json',
  Service: 'service-v1.json',
  Deployment: 'deployment-apps-v1.json',
  StatefulSet: 'statefulset-apps-v1.json',
  Ingress: 'ingress-networking-v1.json',
  Pod: 'pod-v1.json',
};

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Errors of one object against the strict Kubernetes v1.31 schema of its kind (test/fixtures/schemas/k8s), [] when valid. */
export function k8sSchemaErrors(object: { kind?: unknown; [key: string]: unknown }): string[] {
  const kind = String(object.kind);
  const file = FILES[kind];
  if (!file) return [`no schema for kind ${kind}`];
  ajv ??= new Ajv({ strict: false, allErrors: true, formats: { int32: true, int64: true, byte: true, double: true, 'date-time': true } });
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as object);
    compiled.set(kind, validate);
  }
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${kind} ${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
