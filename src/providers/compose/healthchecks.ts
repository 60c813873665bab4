import type { HealthProbe, RenderedService } from '../../platform/recipe/render/rendered.js';

/** A compose healthcheck as written to the file. */
export interface ComposeHealthcheck {
  test?: string[];
  disable?: boolean;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

// Checks every 5 s so an install sees "healthy" soon; failures during the first minute do not count,
// since databases and JVM apps take that long on a first start.
const TIMING = { interval: '5s', timeout: '5s', retries: 5, start_period: '60s' } as const;

/**
 * The container healthcheck of a service: the recipe's own command; or, for the service the app
 * probe targets, one derived from that probe with whatever the image has (wget, else curl; nc for
 * TCP); or none for companions the recipe gives none.
 */
export function containerHealthcheck(service: RenderedService, probe: HealthProbe): ComposeHealthcheck | undefined {
  if (service.healthcheck === 'none') return { disable: true };
  if (service.healthcheck) return { test: ['CMD', ...service.healthcheck], ...TIMING };
  if (service.name !== probe.service) return undefined;
  const port = service.ports.find((p) => p.host === probe.port)?.container ?? probe.port;
  if (probe.kind === 'tcp') return { test: ['CMD-SHELL', `nc -z 127.0.0.1 ${port}`], ...TIMING };
  const url = `http://127.0.0.1:${port}${probe.path}`;
  return { test: ['CMD-SHELL', `wget -q -O /dev/null ${url} || curl -fsS -o /dev/null ${url}`], ...TIMING };
}
