// What a recipe's Debian package tells after install: its installed version (status) and the app's
// first login (the recipe's firstLogin script, run in the guest once the app answers).
import type { DeploymentRecord } from '../../platform/deployments/deployment-record.js';
import { writeRecord } from '../../platform/deployments/record-store.js';
import { writeRecordStep } from '../../platform/deployments/record-step.js';
import type { PlanStep } from '../../platform/plan/plan.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import { pct } from './pve-commands.js';

/** `dpkg-query` in the guest: the package's installed version, or undefined when it is not installed. */
export async function installedVersion(runner: CommandRunner, vmid: number, pkg: string): Promise<string | undefined> {
  const result = await runner.run({ argv: pct.exec(vmid, ['dpkg-query', '-W', '-f', '${Version}', pkg]), timeoutMs: 30_000 });
  const version = result.stdout.trim();
  return result.exitCode === 0 && /^[A-Za-z0-9.+:~-]+$/.test(version) ? version : undefined;
}

export function firstLoginStep(vmid: number, app: string, script: string): PlanStep {
  return {
    id: 'first-login',
    title: `Show ${app}'s first login`,
    actions: [{ kind: 'run', command: { argv: pct.exec(vmid, ['sh', '-ec', script]), timeoutMs: 60_000 }, stream: true, description: `read ${app}'s first login in CT ${vmid}` }],
  };
}

/**
 * The record step for an app from a Debian package: the record carries the version that was installed
 * (dpkg-query in the guest), not the recipe's image version. The record object is the step's own
 * (its recordChange names the same object), so both see the version read at apply time.
 */
export function packageRecordStep(runner: CommandRunner, record: DeploymentRecord, vmid: number, pkg: string): PlanStep {
  const step = writeRecordStep(runner, record);
  return {
    ...step,
    actions: [
      {
        kind: 'call',
        description: `read the installed version of ${pkg} in CT ${vmid}, then write the record on ${runner.host}`,
        run: async () => {
          const version = await installedVersion(runner, vmid, pkg);
          if (version) record.version = version;
          await writeRecord(runner, record);
        },
      },
    ],
  };
}
