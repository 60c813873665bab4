import { UserError } from '../../platform/errors.js';
import type { Answers } from '../../platform/recipe/answer-value.js';
import type { Recipe } from '../../platform/recipe/recipe-schema.js';
import { commonFields, probedPort, renderBackup, renderHealth } from '../../platform/recipe/render/common.js';
import { createScope, text } from '../../platform/recipe/render/scope.js';
import { renderServices } from '../../platform/recipe/render/services.js';
import type { K3sInputs } from './inputs.js';

/**
 * Renders a recipe's k3s section into the inputs of the k3s provider: one workload per service in
 * the chosen namespace (Services are named like the compose services, so `db` resolves the same way),
 * and an Ingress when the user gave a host name. The health port is the container port.
 */
export function renderK3sInputs(recipe: Recipe, answers: Answers): K3sInputs {
  const section = recipe.k3s;
  if (!section) throw new UserError(`${recipe.name} has no k3s recipe`, 'see the providers in: homelab-tui catalog show ' + recipe.id);
  const scope = createScope(recipe, 'k3s', answers);
  const services = renderServices(scope, section.services, 'k3s.services');
  const probed = probedPort(scope, services);
  const main = services[0];
  const ingressPort = main?.ports.find((p) => p.name === section.ingressPort);
  const host = answers.k3s_ingress_host;
  return {
    provider: 'k3s',
    ...commonFields(scope),
    namespace: text(scope, '{{ k3s_namespace }}', 'k3s_namespace'),
    storageClass: text(scope, '{{ k3s_storage_class }}', 'k3s_storage_class'),
    services,
    ...(typeof host === 'string' && main && ingressPort ? { ingress: { host, service: main.name, port: ingressPort.container } } : {}),
    ...(section.architectures ? { architectures: [...section.architectures] } : {}),
    health: renderHealth(recipe.health, probed.service.name, probed.port.container),
    backup: renderBackup(scope, section.backup, main?.name),
  };
}
