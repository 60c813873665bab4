import { BugError, UserError } from '../../platform/errors.js';
import { GIB, MIB } from '../../platform/validation/size.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { LxcSection } from '../../platform/recipe/lxc-section-schema.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { envFileText, initScriptText, systemdUnitText } from './boot-service.js';
import { commonFields, renderBackup, renderHealth } from '../../platform/recipe/render/common.js';
import { listAnswer } from '../../platform/recipe/render/services.js';
import { publicHostOf } from '../../platform/recipe/render/public-host.js';
import { bytesOf, createScope, holds, integer, renderEnv, text, type RenderScope } from '../../platform/recipe/render/scope.js';
import type { LxcInputs, LxcService } from './inputs.js';

/**
 * Renders a recipe's proxmox-lxc section into the inputs of the LXC provider: container options
 * (sizes in MiB/GiB as `pct create` takes them), bind mounts, install steps with their env, and the
 * boot service. The health port is the guest's port (probed at the container's address).
 */
export function renderLxcInputs(recipe: Recipe, answers: Answers): LxcInputs {
  const section = recipe['proxmox-lxc'];
  if (!section) throw new UserError(`${recipe.name} has no Proxmox LXC recipe`, 'see the providers in: homelab-tui catalog show ' + recipe.id);
  const scope = createScope(recipe, 'proxmox-lxc', answers);
  const ports = section.ports.filter((p) => holds(scope, p.when)).map((p) => ({ name: p.name, port: integer(scope, p.port, `ports.${p.name}`), protocol: p.protocol }));
  const probed = ports.find((p) => p.name === recipe.health.port);
  if (!probed) throw new BugError(`${recipe.id}: the LXC health port "${recipe.health.port}" is not active for these answers`);
  const gateway = answers.lxc_gateway;
  const vlan = answers.lxc_vlan;
  const ctid = answers.lxc_ctid;
  const aptProxy = answers.lxc_apt_proxy;
  const { lxc_nameserver: nameserver, lxc_searchdomain: searchdomain } = answers;
  const publicHost = publicHostOf(recipe, 'proxmox-lxc', answers);
  return {
    provider: 'proxmox-lxc',
    ...commonFields(scope),
    hostname: text(scope, '{{ lxc_hostname }}', 'lxc_hostname'),
    ...(typeof ctid === 'number' ? { ctid } : {}),
    os: section.os,
    needsInternet: section.needsInternet,
    unprivileged: section.unprivileged,
    features: { nesting: section.nesting },
    resources: {
      cores: integer(scope, '{{ lxc_cores }}', 'lxc_cores'),
      memoryMiB: bytesOf(text(scope, '{{ lxc_memory }}', 'lxc_memory')) / MIB,
      // pct takes the root disk in whole GiB; round a smaller unit up rather than shrink it.
      diskGiB: Math.ceil(bytesOf(text(scope, '{{ lxc_disk }}', 'lxc_disk')) / GIB),
      storage: text(scope, '{{ lxc_storage }}', 'lxc_storage'),
    },
    network: {
      bridge: text(scope, '{{ lxc_bridge }}', 'lxc_bridge'),
      ip: text(scope, '{{ lxc_ip }}', 'lxc_ip'),
      ...(typeof gateway === 'string' ? { gateway } : {}),
      ...(typeof vlan === 'number' ? { vlan } : {}),
    },
    ...(typeof nameserver === 'string' || typeof searchdomain === 'string'
      ? { dns: { ...(typeof nameserver === 'string' ? { nameserver } : {}), ...(typeof searchdomain === 'string' ? { searchdomain } : {}) } }
      : {}),
    mounts: section.mounts
      .filter((m) => holds(scope, m.when))
      .flatMap((m) =>
        (m.forEach ? listAnswer(scope, m.forEach) : [undefined]).map((item) => ({
          hostPath: text(scope, m.source, `mounts.${m.target}.source`, item),
          guestPath: text(scope, m.target, `mounts.${m.target}.target`, item),
          readOnly: m.readOnly,
        })),
      ),
    ports,
    steps: section.steps
      .filter((s) => holds(scope, s.when))
      .map((s) => ({ name: s.name, script: `set -e\n${s.run}`, ...renderEnv(scope, s.env, `steps.${s.name}.env`) })),
    service: renderService(scope, section.service),
    health: renderHealth(recipe.health, section.service.name, probed.port),
    backup: renderBackup(scope, section.backup, undefined),
    ...(typeof aptProxy === 'string' && aptProxy !== '' ? { aptProxy } : {}),
    ...(section.package ? { package: section.package } : {}),
    ...(section.firstLogin ? { firstLogin: section.firstLogin } : {}),
    ...(publicHost ? { publicHost } : {}),
  };
}

function renderService(scope: RenderScope, spec: LxcSection['service']): LxcService {
  const { env, secretEnv } = renderEnv(scope, spec.env, 'service.env');
  const envFile = `/etc/homelab-tui/${spec.name}.env`;
  const common = { env, secretEnv, envFile, envFileContent: envFileText(env) };
  if (spec.packaged || !spec.command) {
    return { kind: 'packaged', name: spec.name, ...common, ...(Object.keys(env).length > 0 ? { dropIn: `[Service]\nEnvironmentFile=-${envFile}\n` } : {}) };
  }
  const boot = {
    name: spec.name,
    command: spec.command.map((c, i) => text(scope, c, `service.command[${i}]`)),
    ...(spec.user ? { user: text(scope, spec.user, 'service.user') } : {}),
    ...(spec.workingDir ? { workingDir: spec.workingDir } : {}),
    envFile,
  };
  return { kind: 'generated', ...boot, ...common, systemdUnit: systemdUnitText(boot), initScript: initScriptText(boot) };
}
