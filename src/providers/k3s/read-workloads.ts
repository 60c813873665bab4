import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { kubectlJson } from './kubectl.js';
import { deploymentSelector } from './labels.js';
import { splitList, type K8sDeployment, type K8sPod } from './objects.js';

/** A deployment's Deployments and Pods in its namespace, found by its labels (one kubectl call). */
export async function readWorkloads(runner: CommandRunner, namespace: string, deployment: string): Promise<{ deployments: K8sDeployment[]; pods: K8sPod[] }> {
  return splitList(await kubectlJson(runner, ['get', 'deployments,pods', '-n', namespace, '-l', deploymentSelector(deployment)]));
}

export function podsOf(pods: readonly K8sPod[], component: string): K8sPod[] {
  return pods.filter((p) => p.metadata.labels?.['app.kubernetes.io/component'] === component);
}
