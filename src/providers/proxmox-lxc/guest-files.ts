import type { LxcService } from './inputs.js';
import { HOST_STATE_DIR } from '../../platform/operation/host-state.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import { BOOT_SERVICE_SCRIPT, GUEST_STAGE } from './guest-scripts.js';
import { pct } from './pve-commands.js';

const PUSH_TIMEOUT_MS = 60_000;

/** Where files wait on the node (root only) before `pct push` copies them into the guest. */
export function nodeStage(deployment: string): string {
  return `${HOST_STATE_DIR}/staging/${deployment}`;
}

/** A file for the guest: its name in the stage, where it goes, its mode there, and its text. */
export interface GuestFile {
  name: string;
  guestPath: string;
  perms: '0600' | '0644' | '0755';
  content: string;
}

/**
 * Stages files on the node (mode 0600 in a 0700 directory) and pushes each into the guest with its
 * mode, then removes the stage: secrets travel on stdin and through files, never through argv.
 */
export function pushFiles(vmid: number, deployment: string, files: readonly GuestFile[]): PlanAction[] {
  const stage = nodeStage(deployment);
  return [
    { kind: 'run', command: { argv: ['mkdir', '-p', '-m', '0700', stage] } },
    ...files.flatMap((file): PlanAction[] => [
      { kind: 'write', path: `${stage}/${file.name}`, content: file.content, mode: 0o600 },
      { kind: 'run', command: { argv: pct.push(vmid, `${stage}/${file.name}`, file.guestPath, file.perms), timeoutMs: PUSH_TIMEOUT_MS } },
    ]),
    { kind: 'run', command: { argv: ['rm', '-rf', '--', stage] } },
  ];
}

/** The files of the boot service, staged in the guest for BOOT_SERVICE_SCRIPT to move into place. */
export function bootServiceFiles(service: LxcService): GuestFile[] {
  const staged = (suffix: string) => `${GUEST_STAGE}/${service.name}.${suffix}`;
  const env: GuestFile = { name: `${service.name}.env`, guestPath: staged('env'), perms: '0600', content: service.envFileContent };
  if (service.kind === 'packaged') {
    return [env, ...(service.dropIn ? [{ name: `${service.name}.conf`, guestPath: staged('conf'), perms: '0644' as const, content: service.dropIn }] : [])];
  }
  return [
    env,
    { name: `${service.name}.service`, guestPath: staged('service'), perms: '0644', content: service.systemdUnit },
    { name: `${service.name}.init`, guestPath: staged('init'), perms: '0755', content: service.initScript },
  ];
}

/** Writes the boot service into the guest, enables it and (re)starts it. */
export function bootServiceStep(vmid: number, deployment: string, service: LxcService): PlanStep {
  return {
    id: 'boot-service',
    title: `Set up ${service.name} to start on boot`,
    creates: [`${service.kind === 'packaged' ? 'a drop-in for' : 'a boot service'} ${service.name} in CT ${vmid}`, `${service.envFile} (mode 0600)`],
    actions: [
      ...pushFiles(vmid, deployment, bootServiceFiles(service)),
      {
        kind: 'run',
        command: { argv: pct.exec(vmid, ['sh', '-ec', BOOT_SERVICE_SCRIPT, 'sh', service.kind, service.name, service.envFile, GUEST_STAGE]), timeoutMs: 300_000 },
        description: `enable and start ${service.name} (systemd, update-rc.d or busybox inittab, whichever the guest has)`,
        stream: true,
      },
    ],
  };
}
