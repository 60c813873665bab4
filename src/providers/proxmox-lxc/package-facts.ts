// What a recipe's Debian package tells after install: its installed version (status) and the app's
// first login (the recipe's firstLogin script, run in the guest once the app answers).
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
