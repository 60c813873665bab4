/** The smallest valid recipe, for tests that break one thing at a time. */
export const minimalRecipe = `id: demo
name: Demo
description: A demo app.
versions: ["1.0"]
minimums: { cores: 1, memory: 256M, disk: 1G }
questions:
  - { id: port, type: port, label: Port, default: 8080 }
  - { id: mode, type: enum, label: Mode, choices: [a, b], default: a }
health: { kind: http, port: http, path: /health }
compose:
  services:
    - name: demo
      image: "demo:{{ version }}"
      env: { DEMO_MODE: "{{ mode }}" }
      ports: [{ name: http, container: 80, host: "{{ port }}" }]
`;
