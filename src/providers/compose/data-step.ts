import type { RenderedVolume } from '../../platform/recipe/render/rendered.js';
import type { ComposeInputs } from './inputs.js';
import type { PlanAction, PlanStep } from '../../platform/plan/plan.js';
import { dataEntries, describeDataPath, removeCreatedActions, type DataPathState } from '../../platform/deployments/data-probe.js';

// Writes a seed file only when it is absent, atomically, with its mode: the app's own later edits
// survive a reinstall. Path and mode are positional arguments, the content comes on stdin.
const SEED_IF_ABSENT = 'set -e; [ -e "$1" ] && exit 0; umask 077; t="$1.hl-tmp.$$"; cat > "$t"; chmod "$2" "$t"; mv -f "$t" "$1"';

/** The host directories of data and cache volumes: kept by uninstall, removed by --purge. */
export function dataPaths(inputs: ComposeInputs): string[] {
  return [...new Set(boundVolumes(inputs).filter((v) => v.kind !== 'shared').map((v) => v.hostPath))];
}

function boundVolumes(inputs: ComposeInputs): (RenderedVolume & { hostPath: string })[] {
  return inputs.services.flatMap((s) => s.volumes).filter((v): v is RenderedVolume & { hostPath: string } => v.hostPath !== undefined);
}

/** Every bind-mounted host directory, data and shared, once. */
export function boundPaths(inputs: ComposeInputs): string[] {
  return [...new Set(boundVolumes(inputs).map((v) => v.hostPath))];
}

/**
 * Creates every bind-mounted directory, gives data directories the owner the image runs as, and
 * seeds directories and files inside them. Its undo removes only the data directories this install
 * creates (`states`: what the host had when the plan was made); folders that were there stay, and so
 * do shared ones.
 */
export function dataStep(inputs: ComposeInputs, states: readonly DataPathState[]): PlanStep | undefined {
  const volumes = boundVolumes(inputs);
  if (volumes.length === 0) return undefined;
  const actions: PlanAction[] = [{ kind: 'run', command: { argv: ['mkdir', '-p', '--', ...new Set(volumes.map((v) => v.hostPath))] } }];
  const owners = new Map<string, string[]>();
  for (const volume of volumes) if (volume.owner && volume.kind !== 'shared') owners.set(volume.owner, [...(owners.get(volume.owner) ?? []), volume.hostPath]);
  for (const [owner, paths] of owners) actions.push({ kind: 'run', command: { argv: ['chown', owner, '--', ...new Set(paths)] } });
  for (const service of inputs.services) {
    const volumeOf = (name: string) => service.volumes.find((v) => v.name === name);
    for (const dir of service.dirs) {
      const volume = volumeOf(dir.volume);
      if (!volume?.hostPath) continue;
      const path = `${volume.hostPath}/${dir.path}`;
      actions.push({ kind: 'run', command: { argv: ['mkdir', '-p', '--', path] } });
      if (volume.owner) actions.push({ kind: 'run', command: { argv: ['chown', volume.owner, '--', path] } });
    }
    for (const file of service.files) {
      const volume = volumeOf(file.volume);
      if (!volume?.hostPath) continue;
      const path = `${volume.hostPath}/${file.path}`;
      const mode = (file.secret ? 0o600 : file.mode).toString(8).padStart(4, '0');
      actions.push({ kind: 'run', command: { argv: ['mkdir', '-p', '--', path.slice(0, path.lastIndexOf('/'))] } });
      actions.push(
        file.onlyIfAbsent
          ? { kind: 'run', command: { argv: ['sh', '-c', SEED_IF_ABSENT, 'sh', path, mode], stdin: file.content }, description: `write ${path} (mode ${mode}) unless it exists` }
          : { kind: 'write', path, content: file.content, mode: Number.parseInt(mode, 8) },
      );
      if (volume.owner) actions.push({ kind: 'run', command: { argv: ['chown', volume.owner, '--', path] } });
    }
  }
  const owned = new Set(dataPaths(inputs));
  const known = states.filter((s) => owned.has(s.path));
  const creates = boundPaths(inputs).map((path) => {
    const state = states.find((s) => s.path === path);
    return state?.exists ? describeDataPath(state) : path;
  });
  const undo = removeCreatedActions(dataEntries(known), { all: true });
  return { id: 'data', title: 'Create the data directories', actions, ...(undo.length > 0 ? { undo } : {}), creates };
}
