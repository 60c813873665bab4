import { z } from 'zod';
import { PROJECT_LABEL, SERVICE_LABEL } from '../engine-commands.js';

/** What a running compose service is, read from `inspect`: enough to match a recipe and infer its answers. */
export interface ServiceFingerprint {
  service: string;
  project: string;
  image: string;
  /** Published ports: container port → host port. */
  ports: Array<{ container: number; host: number; protocol: string }>;
  /** Bind mounts and volumes: where in the container → the host folder (or volume name). */
  mounts: Array<{ target: string; source: string; bind: boolean }>;
  /** Environment names only: values may be secrets and are never read into a record. */
  envNames: string[];
}

const binding = z.array(z.object({ HostPort: z.string().optional() }).loose()).nullable();
const inspectEntry = z.looseObject({
  Config: z.looseObject({ Image: z.string(), Env: z.array(z.string()).nullable().optional(), Labels: z.record(z.string(), z.string()).nullable().optional() }),
  HostConfig: z.looseObject({ PortBindings: z.record(z.string(), binding).nullable().optional() }).optional(),
  Mounts: z.array(z.looseObject({ Type: z.string().optional(), Source: z.string().optional(), Destination: z.string(), Name: z.string().optional() })).nullable().optional(),
});

/** `docker|podman inspect` of a project's containers to one fingerprint per container (pure); what it cannot read is a message. */
export function parseFingerprints(stdout: string): ServiceFingerprint[] | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { problem: 'the engine\'s inspect output is not JSON' };
  }
  const parsed = z.array(inspectEntry).safeParse(json);
  if (!parsed.success) return { problem: `the engine's inspect output has another shape: ${parsed.error.issues[0]?.path.join('.') ?? ''}` };
  return parsed.data.map((entry) => {
    const labels = entry.Config.Labels ?? {};
    const ports = Object.entries(entry.HostConfig?.PortBindings ?? {}).flatMap(([key, list]) => {
      const [port, protocol] = key.split('/');
      return (list ?? []).flatMap((b) => (b.HostPort && /^\d+$/.test(b.HostPort) ? [{ container: Number(port), host: Number(b.HostPort), protocol: protocol ?? 'tcp' }] : []));
    });
    const mounts = (entry.Mounts ?? []).map((m) => ({ target: m.Destination, source: m.Type === 'bind' ? (m.Source ?? '') : (m.Name ?? m.Source ?? ''), bind: m.Type === 'bind' }));
    return {
      service: labels[SERVICE_LABEL] ?? '',
      project: labels[PROJECT_LABEL] ?? '',
      image: entry.Config.Image,
      ports,
      mounts,
      envNames: (entry.Config.Env ?? []).map((e) => e.split('=')[0] ?? '').filter(Boolean).sort(),
    };
  });
}
