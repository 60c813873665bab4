import { deploymentRecordSchema } from '../../platform/deployments/deployment-record.js';
import { fail, pass, type Check } from '../../platform/validation/check.js';

const NAME = deploymentRecordSchema.shape.name;

/** Checks a deployment name as the record schema will: what the pipeline would refuse, said while typing. */
export function checkDeploymentName(name: string): Check<string> {
  if (name.length === 0) return fail('needs a name');
  if (name.length > 63) return fail('is longer than 63 characters');
  return NAME.safeParse(name).success ? pass(name) : fail(`"${name}" is not allowed: lower-case letters, digits and inner hyphens`);
}
