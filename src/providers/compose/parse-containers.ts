import { z } from 'zod';
import { BugError } from '../../platform/errors.js';
import { PROJECT_LABEL, SERVICE_LABEL } from './engine-commands.js';

/** A container of a project as `ps` lists it. */
export interface ContainerRef {
  id: string;
  name: string;
  service: string;
}

// docker prints one JSON object per line with labels as "k=v,k=v" and one name; podman (4.3, for
// `{{json .}}` as for `json`) prints one array with labels as an object and a list of names.
const dockerPsLine = z.object({ ID: z.string(), Names: z.string(), Labels: z.string() });
const podmanPsEntry = z.object({ Id: z.string(), Names: z.array(z.string()), Labels: z.record(z.string(), z.string()).nullable() });

/** Parses `ps -a --filter label=… --format '{{json .}}'` from docker or podman (pure). */
export function parsePs(output: string): ContainerRef[] {
  const text = output.trim();
  if (text === '') return [];
  if (text.startsWith('[')) {
    return shaped(z.array(podmanPsEntry), parseJson(text, 'podman ps'), 'podman ps').map((entry) => ({
      id: entry.Id,
      name: entry.Names[0] ?? entry.Id,
      service: entry.Labels?.[SERVICE_LABEL] ?? '',
    }));
  }
  return text.split('\n').map((line) => {
    const entry = shaped(dockerPsLine, parseJson(line, 'docker ps'), 'docker ps');
    return { id: entry.ID, name: entry.Names, service: dockerLabels(entry.Labels)[SERVICE_LABEL] ?? '' };
  });
}

/** docker's flattened labels; a part without `=` belongs to the value before it (values may hold commas). */
export function dockerLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let last: string | undefined;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      last = part.slice(0, eq);
      labels[last] = part.slice(eq + 1);
    } else if (last !== undefined) labels[last] += `,${part}`;
  }
  return labels;
}

/** What `inspect` tells about a container, the same for docker and podman. */
export interface ContainerState {
  id: string;
  name: string;
  project: string;
  service: string;
  image: string;
  labels: Record<string, string>;
  /** docker: created/running/paused/restarting/removing/exited/dead; podman says stopped for exited. */
  status: string;
  running: boolean;
  restarting: boolean;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt?: string;
  finishedAt?: string;
  restartCount: number;
  hasHealthcheck: boolean;
  /** The engine's verdict; podman's is refreshed by running the check (see readContainers). */
  health: 'healthy' | 'unhealthy' | 'starting' | 'none';
  /** The last healthcheck's output, to explain an unhealthy container. */
  lastCheckOutput?: string;
}

const healthSchema = z
  .object({ Status: z.string(), Log: z.array(z.object({ ExitCode: z.number(), Output: z.string() })).nullable().optional() })
  .nullable()
  .optional();

const inspectEntry = z.object({
  Id: z.string(),
  Name: z.string(),
  RestartCount: z.number(),
  State: z.object({
    Status: z.string(),
    Running: z.boolean(),
    Restarting: z.boolean(),
    OOMKilled: z.boolean(),
    ExitCode: z.number(),
    Error: z.string().optional(),
    StartedAt: z.string().optional(),
    FinishedAt: z.string().optional(),
    Health: healthSchema,
    // podman before 4 called it Healthcheck.
    Healthcheck: healthSchema,
  }),
  Config: z.object({
    Image: z.string(),
    Labels: z.record(z.string(), z.string()).nullable(),
    Healthcheck: z.object({ Test: z.array(z.string()).nullable().optional() }).nullable().optional(),
  }),
});

// Go's zero time: never started or never finished.
const ZERO_TIME = /^0001-01-01/;

/** Parses `inspect` output of docker or podman (pure). */
export function parseInspect(output: string): ContainerState[] {
  return shaped(z.array(inspectEntry), parseJson(output, 'inspect'), 'inspect').map((entry) => {
    const labels = entry.Config.Labels ?? {};
    const health = entry.State.Health ?? entry.State.Healthcheck;
    const test = entry.Config.Healthcheck?.Test ?? [];
    const hasHealthcheck = test.length > 0 && test[0] !== 'NONE';
    const last = health?.Log?.[health.Log.length - 1];
    return {
      id: entry.Id,
      name: entry.Name.replace(/^\//, ''),
      project: labels[PROJECT_LABEL] ?? '',
      service: labels[SERVICE_LABEL] ?? '',
      image: entry.Config.Image,
      labels,
      status: entry.State.Status,
      running: entry.State.Running,
      restarting: entry.State.Restarting,
      exitCode: entry.State.ExitCode,
      oomKilled: entry.State.OOMKilled,
      error: entry.State.Error ?? '',
      ...(entry.State.StartedAt && !ZERO_TIME.test(entry.State.StartedAt) ? { startedAt: entry.State.StartedAt } : {}),
      ...(entry.State.FinishedAt && !ZERO_TIME.test(entry.State.FinishedAt) ? { finishedAt: entry.State.FinishedAt } : {}),
      restartCount: entry.RestartCount,
      hasHealthcheck,
      health: hasHealthcheck ? healthWord(health?.Status) : 'none',
      ...(last && last.ExitCode !== 0 && last.Output.trim() ? { lastCheckOutput: last.Output.trim() } : {}),
    };
  });
}

function healthWord(status: string | undefined): ContainerState['health'] {
  return status === 'healthy' || status === 'unhealthy' ? status : 'starting';
}

/** An engine that prints another shape than the ones captured is a bug to report, with the field. */
function shaped<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BugError(`${what} printed an unexpected shape at ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BugError(`${what} printed something that is not JSON: ${(error as Error).message}: ${text.slice(0, 200)}`);
  }
}
