import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../../../src/platform/config/yaml-file.js';
import { recipeSchema } from '../../../../src/platform/recipe/recipe-schema.js';
import { minimalRecipe } from '../../services/catalog/recipe-fixture.js';

function problem(text: string): string {
  try {
    parseYamlText(text, 'demo.yaml', recipeSchema);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no problem found';
}

describe('recipe checks', () => {
  it('accepts the minimal recipe', () => {
    expect(parseYamlText(minimalRecipe, 'demo.yaml', recipeSchema).id).toBe('demo');
  });

  it.each([
    ['a placeholder naming no question, with a suggestion', minimalRecipe.replace('{{ mode }}', '{{ mdoe }}'), /demo\.yaml:14:\d+: compose\.services\[0\]\.env\.DEMO_MODE: \{\{ mdoe \}\} is not a question of this recipe for compose \(did you mean mode\?\)/],
    ['a malformed placeholder', minimalRecipe.replace('{{ mode }}', '{{ mode | upper }}'), /malformed placeholder/],
    ['a when on a later question', minimalRecipe.replace('default: 8080 }', 'default: 8080, when: { mode: a } }'), /questions\[0\]\.when\.mode: "mode" is not a question asked before this one/],
    ['a when value that is not a choice', minimalRecipe.replace("default: a }", "default: a }\n  - { id: extra, type: string, label: X, when: { mode: c } }"), /"c" is not a choice of "mode"/],
    ['a default that fails its own validation', minimalRecipe.replace('default: 8080', 'default: 70000'), /questions\[0\]\.default: default 70000: 70000 is not in the allowed range/],
    ['a reserved id', minimalRecipe.replace('id: port,', 'id: lxc_port,').replace('{{ port }}', '8080'), /"lxc_port" is reserved/],
    ['a duplicate id', minimalRecipe.replace('id: mode,', 'id: port,').replace('{{ mode }}', 'x'), /duplicate question id "port"/],
    ['a health port no service has', minimalRecipe.replace('port: http, path', 'port: web, path'), /health\.port: the compose section has no port named "web" \(has: http\)/],
    ['a compose volume without a host directory', minimalRecipe.replace('      ports:', '      volumes: [{ name: data, target: /data }]\n      ports:'), /compose volumes are bind mounts/],
    ['a dependsOn naming no service', minimalRecipe.replace('      ports:', '      dependsOn: [db]\n      ports:'), /no service named "db"/],
    ['a data migration in a version the recipe does not list', minimalRecipe.replace(/^versions: .*$/m, (line) => `${line}\ndataMigrations: ["9.9"]`), /dataMigrations\[0\]: not one of the recipe's versions/],
    ['no provider section', minimalRecipe.slice(0, minimalRecipe.indexOf('compose:')), /needs at least one provider section/],
    ['a placeholder in an LXC script', `${minimalRecipe}proxmox-lxc:\n  resources: { cores: 1, memory: 256M, disk: 1G }\n  ports: [{ name: http, port: 80 }]\n  steps: [{ name: s, run: "echo {{ port }}" }]\n  service: { name: demo, command: [/bin/demo] }\n`, /install steps take answers through env/],
    ['LXC resources below the minimums', `${minimalRecipe}proxmox-lxc:\n  resources: { cores: 1, memory: 128M, disk: 1G }\n  ports: [{ name: http, port: 80 }]\n  steps: [{ name: s, run: "true" }]\n  service: { name: demo, command: [/bin/demo] }\n`, /128M is below the recipe minimum 256M/],
  ])('rejects %s', (_what, text, expected) => {
    expect(problem(text)).toMatch(expected);
  });
});
