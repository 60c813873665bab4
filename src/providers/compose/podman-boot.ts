// Podman has no daemon: at boot podman-restart.service (shipped with Podman) starts the containers
// whose restart policy is `always`. It must wait for the disks the deployment's data and media live
// on, or the containers start on empty mount points: a drop-in per project gives the service
// `RequiresMountsFor=` those paths (systemd.unit(5): it adds Requires= and After= on the mount units
// of each path). Without systemd (or without the service) nothing is written and the user is told.
import type { PlanAction } from '../../platform/plan/plan.js';
import type { ComposeInputs } from './inputs.js';

const DROP_IN_DIR = '/etc/systemd/system/podman-restart.service.d';

export const podmanBootDropIn = (project: string): string => `${DROP_IN_DIR}/homelab-tui-${project}.conf`;

/** The drop-in's text (pure): the host paths of the bind mounts; paths with white space are left out (RequiresMountsFor splits on it). */
export function podmanBootDropInText(project: string, inputs: ComposeInputs): string {
  const paths = [...new Set(inputs.services.flatMap((s) => s.volumes).flatMap((v) => (v.hostPath !== undefined ? [v.hostPath] : [])))].filter((p) => !/\s/.test(p));
  const mounts = paths.length > 0 ? `RequiresMountsFor=${paths.join(' ')}\n` : '';
  return `# Written by homelab-tui for the compose project ${project}: its data and media must be mounted before its containers start at boot.\n[Unit]\n${mounts}`;
}

const ENABLE =
  'if [ -d /run/systemd/system ] && systemctl cat podman-restart.service >/dev/null 2>&1; then ' +
  'mkdir -p "$(dirname "$1")" && printf "%s" "$2" > "$1.tmp" && mv -f "$1.tmp" "$1" && systemctl daemon-reload && systemctl enable podman-restart.service; ' +
  'else echo "no systemd or no podman-restart.service here: start the deployment after a reboot yourself (podman start --all --filter restart-policy=always)"; fi';

const REMOVE = 'rm -f -- "$1"; if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi';

/** Enable podman-restart.service with this project's drop-in, where systemd runs. */
export function podmanBootAction(project: string, inputs: ComposeInputs): PlanAction {
  return {
    kind: 'run',
    command: { argv: ['sh', '-c', ENABLE, 'sh', podmanBootDropIn(project), podmanBootDropInText(project, inputs)] },
    stream: true,
    description: `start the containers at boot: enable podman-restart.service where systemd runs, after the mounts of its data (${podmanBootDropIn(project)})`,
  };
}

/** Remove the project's drop-in (install undo, uninstall); the service stays enabled for other deployments. */
export function podmanBootRemoval(project: string): PlanAction {
  return { kind: 'run', command: { argv: ['sh', '-c', REMOVE, 'sh', podmanBootDropIn(project)] }, description: `remove ${podmanBootDropIn(project)}` };
}
