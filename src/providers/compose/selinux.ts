import type { PreflightItem } from '../provider.js';
import type { ComposeHost } from './compose-host.js';
import type { ComposeInputs } from './inputs.js';

// SELinux and bind mounts. Where SELinux enforces, a container reads a host folder only when the folder
// carries a container label. `:Z` gives a folder a label private to one container; `:z` one shared by
// containers; either rewrites the label of every file under it (podman-run(1) and docker-run(1),
// "Labeling Volume Mounts": relabelling system or shared content can break the host and other users).
// So the deployment's own folders (data, cache) get `:Z`; shared folders (media, downloads) get none.

/** The SELinux option of one bind mount: `Z` for the deployment's own folders where SELinux enforces, else none. */
export function selinuxOption(selinux: ComposeHost['selinux'], kind: 'data' | 'cache' | 'shared'): string[] {
  return selinux === 'enforcing' && kind !== 'shared' ? ['Z'] : [];
}

/** What SELinux means for the bind mounts: the deployment's own folders get `:Z`; shared ones keep their label (a hint says how to let containers read them). */
export function selinuxItems(selinux: ComposeHost['selinux'], inputs: ComposeInputs): PreflightItem[] {
  if (selinux !== 'enforcing') return [{ status: 'ok', label: `SELinux ${selinux === 'permissive' ? 'is permissive' : 'is not enforcing'}: bind mounts need no label` }];
  const shared = [...new Set(inputs.services.flatMap((s) => s.volumes).filter((v) => v.kind === 'shared' && v.hostPath !== undefined).map((v) => v.hostPath as string))];
  const items: PreflightItem[] = [{ status: 'ok', label: "SELinux enforces: the deployment's own folders get a private label (:Z)" }];
  if (shared.length > 0) {
    items.push({
      status: 'warn',
      label: `shared folders are not relabelled: ${shared.join(', ')}`,
      hint: 'if the app cannot read them, label them once for containers yourself (semanage fcontext -a -t container_file_t "PATH(/.*)?" then restorecon -R PATH)',
    });
  }
  return items;
}
