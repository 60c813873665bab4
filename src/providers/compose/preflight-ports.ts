import type { ComposeInputs } from './inputs.js';
import { CommandError, tailOf } from '../../platform/errors.js';
import type { CommandRunner } from '../../platform/runner/command-runner.js';
import type { PreflightItem } from '../provider.js';
import { describeOwner, LISTENERS_ARGV, parseListeners } from './listeners.js';

/** Each published port: free on the host, or taken, naming the process that holds it. */
export async function checkPorts(runner: CommandRunner, inputs: ComposeInputs): Promise<PreflightItem[]> {
  const wanted = inputs.services.flatMap((s) => s.ports.filter((p) => p.host !== undefined).map((p) => ({ service: s.name, port: p.host as number, protocol: p.protocol })));
  if (wanted.length === 0) return [];
  const result = await runner.run({ argv: LISTENERS_ARGV, timeoutMs: 30_000 });
  if (result.exitCode !== 0) throw new CommandError(LISTENERS_ARGV, result.exitCode, runner.host, tailOf(result.stderr), 'the host needs ss (iproute2) or netstat');
  const listeners = parseListeners(result.stdout);
  const seen = new Set<string>();
  return wanted.map(({ service, port, protocol }) => {
    const key = `${port}/${protocol}`;
    if (seen.has(key)) return { status: 'fail', label: `port ${key}`, detail: `published twice by this deployment (again for ${service})`, hint: 'give each port its own number' };
    seen.add(key);
    const taken = listeners.find((l) => l.port === port && l.protocol === protocol);
    if (!taken) return { status: 'ok', label: `port ${key} is free on ${runner.host}` };
    return {
      status: 'fail',
      label: `port ${key} is in use on ${runner.host}`,
      detail: `${describeOwner(taken)} listens on ${taken.address}:${port}`,
      hint: `choose another port for ${service} (for example --set port=${port + 1}), or stop ${taken.process ?? 'that process'}`,
    };
  });
}
