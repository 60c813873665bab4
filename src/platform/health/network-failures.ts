import type { HttpAnswer } from './http-check.js';

/** The network failures a probe explains in words, shared by direct and via-host probes. */
export type NetworkFailure = 'refused' | 'timeout' | 'unresolved' | 'unreachable';

const FAILURES: Record<NetworkFailure, { error: (target: string, seconds: number) => string; hint: string }> = {
  refused: { error: (t) => `connection refused by ${t}`, hint: 'nothing listens on that port: is the service running? read its logs' },
  timeout: { error: (t, s) => `no answer from ${t} within ${s} s`, hint: 'the service may still be starting, or a firewall drops the traffic' },
  unresolved: { error: (t) => `cannot resolve ${t}`, hint: 'check the name, or use an IP address' },
  unreachable: { error: (t) => `${t} is unreachable`, hint: 'check the address and the network path to it' },
};

export function networkFailure(kind: NetworkFailure, target: string, seconds: number): HttpAnswer {
  const failure = FAILURES[kind];
  return { error: failure.error(target, seconds), hint: failure.hint };
}

/** Any other failure: the tool's own last line of text. */
export function otherFailure(text: string): HttpAnswer {
  return { error: text, hint: 'check the address and that the service is running' };
}
