import { join } from 'node:path';
import { answersFileText } from '../answers/answers-template.js';
import type { ExplicitAnswers } from '../answers/explicit-values.js';
import { writeFileAtomic } from '../../platform/config/atomic-write.js';
import { applyInstall } from '../install/apply-install.js';
import type { ApplyDeps } from '../lifecycle/lifecycle.js';
import { prepareInstall, type InstallDeps } from '../install/prepare-install.js';
import type { Plan } from '../../platform/plan/plan.js';
import { renderPlanText } from '../../platform/plan/render-plan.js';
import { installCommandLine } from './cli-command.js';
import type { PreparedWizardInstall, WizardRequest } from './wizard-backend.js';

/** The install pipeline's dependencies, and where the wizard keeps caches, operation logs and answers files. */
export interface WizardPipelineDeps extends InstallDeps, ApplyDeps {
  /** Answers files of wizard installs, `<name>@<host>.yaml`. */
  installsDir: string;
  /** The app's global options (--config-dir, --ssh-config) for the unattended command line. */
  globalArgs?: readonly string[];
}

/**
 * The wizard's request through the same pipeline as `homelab-tui install`: the typed answers go in as
 * `--set`, saved defaults as saved; the review gets the plan text `homelab-tui plan` prints. Applying
 * first writes the answers file (no secrets), so the install can be repeated with --answers.
 */
export async function prepareWizardInstall(request: WizardRequest, deps: WizardPipelineDeps, saved: ExplicitAnswers | undefined): Promise<PreparedWizardInstall> {
  const prepared = await prepareInstall({ app: request.app, host: request.host, provider: request.provider, name: request.name, answers: { sets: request.sets, ...(saved ? { saved } : {}) } }, deps);
  const answersFile = join(deps.installsDir, `${prepared.name}@${prepared.host.name}.yaml`);
  return {
    preflight: prepared.preflight,
    blocked: prepared.blocked,
    planText: renderPlanText(prepared.plan),
    creates: prepared.plan.steps.flatMap((step) => step.creates ?? []),
    credentials: secretFiles(prepared.plan),
    answersFile,
    commandLine: installCommandLine({ ...request, values: request.repeatable }, request.app, deps.globalArgs),
    apply: async (handlers) => {
      await writeFileAtomic(answersFile, answersFileText(prepared.resolution), 0o600);
      const result = await applyInstall(prepared, deps, handlers);
      return {
        status: result.status,
        urls: result.record?.urls ?? [],
        ...(result.logPath ? { logPath: result.logPath } : {}),
        ...(result.failure ? { failure: result.failure } : {}),
      };
    },
  };
}

/**
 * Where the install keeps its secrets: files it writes with mode 0600 and keeps (listed in their step's
 * `creates`; staged copies that are pushed and deleted are not), and created files a provider marks
 * `(mode 0600)` (an LXC guest's env file).
 */
export function secretFiles(plan: Plan): string[] {
  const files = plan.steps.flatMap((step) => [
    ...step.actions.flatMap((action) => (action.kind === 'write' && action.mode === 0o600 && step.creates?.includes(action.path) ? [action.path] : [])),
    ...(step.creates ?? []).flatMap((created) => (/ \(mode 0600\)$/.test(created) ? [created.replace(/ \(mode 0600\)$/, '')] : [])),
  ]);
  return [...new Set(files)];
}
