import type { PlanStep } from '../plan/plan.js';
import type { CommandRunner } from '../runner/command-runner.js';
import type { DeploymentRecord } from './deployment-record.js';
import { recordPath, removeRecord, writeRecord } from './record-store.js';

/** The last step of every install: the record on the host, so any admin's homelab-tui finds the deployment. */
export function writeRecordStep(runner: CommandRunner, record: DeploymentRecord): PlanStep {
  return {
    id: 'record',
    title: 'Write the deployment record',
    actions: [{ kind: 'call', description: `write ${recordPath(record.name)} on ${runner.host}`, run: () => writeRecord(runner, record) }],
    undo: [{ kind: 'call', description: `remove ${recordPath(record.name)}`, run: () => removeRecord(runner, record.name) }],
    creates: [recordPath(record.name)],
    recordChange: { kind: 'write', record },
  };
}

/** The last step of every uninstall: the record goes, so status stops listing the deployment. */
export function removeRecordStep(runner: CommandRunner, name: string): PlanStep {
  return {
    id: 'record',
    title: 'Remove the deployment record',
    actions: [{ kind: 'call', description: `remove ${recordPath(name)} on ${runner.host}`, run: () => removeRecord(runner, name) }],
    recordChange: { kind: 'remove' },
  };
}
