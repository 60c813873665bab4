import type { HostFacts } from '../../platform/hosts/host-facts.js';
import type { HostRow } from '../../store/wizard-types.js';
import type { Choice } from './ChoiceList.js';

/** The row of a host on the host step: what its live check found, or why it cannot be used. */
export function hostChoice(host: HostRow): Choice {
  const label = host.kind === 'local' ? 'local (this machine)' : `${host.name}  ${host.address}`;
  if (!host.check) return { key: host.name, label, note: host.checking ? 'checking…' : 'not checked yet' };
  if (host.checking) return { key: host.name, label, note: 'checking again…' };
  if (!host.check.ok || !host.check.facts) {
    const error = host.check.error;
    return { key: host.name, label, disabledReason: `${error?.message ?? 'the check failed'}${error?.hint ? ` · ${error.hint}` : ''}` };
  }
  return { key: host.name, label, detail: `✓ ${factsLine(host.check.facts, host.check.runs ?? [])}` };
}

/** One line about a host: system, what it can run (each provider's detection), and its free capacity. */
export function factsLine(facts: HostFacts, runs: readonly string[]): string {
  const size = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  // What it can run comes first: the line is cut at the terminal's edge.
  return [
    runs.length > 0 ? runs.join(', ') : 'no container tools',
    ...(facts.cores !== undefined ? [`${facts.cores} cores`] : []),
    ...(facts.memory ? [`${size(facts.memory.availableBytes)} RAM free`] : []),
    facts.os.name.includes(facts.os.version) ? facts.os.name : `${facts.os.name} ${facts.os.version}`.trim(),
  ].join(' · ');
}
