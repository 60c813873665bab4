// kubectl SIMULATOR support: strict field validation of applied objects against the official v1.31
// schemas in test/fixtures/schemas/k8s (unknown fields rejected, as the API server's strict field
// validation and server-side apply's typed patches do).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const FILES = {
  Namespace: 'namespace-v1.json',
  Secret: 'secret-v1.json',
  ConfigMap: 'configmap-v1.json',
  PersistentVolumeClaim: 'persistentvolumeclaim-v1.json',
  Service: 'service-v1.json',
  Deployment: 'deployment-apps-v1.json',
  StatefulSet: 'statefulset-apps-v1.json',
  Ingress: 'ingress-networking-v1.json',
  // A bare Pod (homelab-tui's data helper): ObjectMeta + PodSpec, derived from the Deployment's template.
  Pod: 'pod-v1.json',
};

export const APPLICABLE = Object.keys(FILES);

let ajv;
const compiled = new Map();

/** Problems of one object as kubectl's server-side apply reports them, [] when valid. */
export function schemaProblems(schemaDir, object) {
  const file = FILES[object.kind];
  if (!file) return [`no schema for kind ${object.kind}`];
  if (!ajv) {
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv').default;
    ajv = new Ajv({ strict: false, allErrors: true, formats: { int32: true, int64: true, byte: true, double: true, 'date-time': true } });
  }
  let validate = compiled.get(object.kind);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')));
    compiled.set(object.kind, validate);
  }
  if (validate(object)) return [];
  return validate.errors.map((e) => {
    const path = e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    if (e.keyword === 'additionalProperties') return `${path}.${e.params.additionalProperty}: field not declared in schema`;
    return `${path || '.'}: ${e.message}`;
  });
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The API server's name rules: Namespaces and Services are DNS labels (63), others DNS subdomains (253). */
export function nameProblem(object) {
  const name = object.metadata?.name ?? '';
  const label = object.kind === 'Namespace' || object.kind === 'Service';
  const ok = label ? DNS_LABEL.test(name) && name.length <= 63 : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  if (ok) return undefined;
  return label
    ? `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`
    : `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
}
