import type { DeploymentRecord } from '../deployments/deployment-record.js';
import type { HealthCheck } from '../health/health-check.js';
import type { Command } from '../runner/command-runner.js';

/** What one action may use while it runs: the plan's host runner is given by the operation. */
export interface ActionContext {
  signal: AbortSignal;
  /** Adds a line to the operation's progress output. */
  output(line: string): void;
}

/**
 * One thing a step does, as data, so the plan printed for review is exactly what runs:
 * a command, a file written atomically, a wait for health, or a named call for what must be decided
 * at apply time (shown by its description).
 */
export type PlanAction =
  | { kind: 'run'; command: Command; description?: string; stream?: boolean; allowExitCodes?: readonly number[] }
  | { kind: 'write'; path: string; content: string; mode: number; description?: string }
  | { kind: 'wait'; check: HealthCheck; timeoutMs: number; intervalMs: number; description?: string }
  | { kind: 'call'; description: string; run: (ctx: ActionContext) => Promise<void> };

/** A step: a title, its actions, and the actions that undo it (run in reverse order on failure). */
export interface PlanStep {
  id: string;
  title: string;
  actions: readonly PlanAction[];
  undo?: readonly PlanAction[];
  /** What this step creates on the host, in words (for the review screen). */
  creates?: readonly string[];
  /**
   * The inventory host this step runs on when it is not the plan's (the managed reverse proxy on a
   * host of the user's choice). The journal stays in the record on the plan's host and names it.
   */
  host?: string;
  /** Set on the step that writes or removes the deployment's record: the journal follows it. */
  recordChange?: { kind: 'write'; record: DeploymentRecord } | { kind: 'remove' };
}

/** An ordered list of steps against one deployment on one host. */
export interface Plan {
  kind: 'install' | 'uninstall' | 'update' | 'restart' | 'backup' | 'restore' | 'reconfigure' | 'stop' | 'start';
  deployment: string;
  host: string;
  provider: string;
  app: string;
  steps: readonly PlanStep[];
  /** Values never shown: plans, logs and screens print them as ••••. */
  secrets: readonly string[];
  /** Facts worth reading before applying (where the answers file goes, the URL it will have…). */
  notes?: readonly string[];
  /**
   * The deployment's own data: for an install, paths already holding files that it would use
   * (`reused`: needs --reuse-data or a yes); for an uninstall, what it deletes and what stays.
   */
  data?: { reused?: readonly string[]; removed?: readonly string[]; kept?: readonly string[] };
  /** Facts the operation's journal on the target carries (an update: from, to, the release with its digests). */
  journal?: Record<string, unknown>;
  /** Facts of this operation kept in its history entry on the host (`details`): update's from/to versions, image digests. */
  history?: Readonly<Record<string, unknown>>;
}
