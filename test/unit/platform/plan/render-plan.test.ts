import { describe, expect, it } from 'vitest';
import { renderPlanText, viewPlan } from '../../../../src/platform/plan/render-plan.js';
import type { Plan } from '../../../../src/platform/plan/plan.js';

const plan: Plan = {
  kind: 'install',
  deployment: 'vikunja',
  host: 'docker1',
  provider: 'compose',
  app: 'vikunja',
  secrets: ['s3cr3t-jwt-value'],
  notes: ['answers saved to ~/.config/homelab-tui/answers/vikunja.yaml'],
  steps: [
    {
      id: 'files',
      title: 'Write the stack',
      creates: ['/opt/homelab-tui/vikunja'],
      actions: [
        { kind: 'run', command: { argv: ['mkdir', '-p', '/opt/homelab-tui/vikunja'] } },
        { kind: 'write', path: '/opt/homelab-tui/vikunja/.env', mode: 0o600, content: 'VIKUNJA_SERVICE_JWTSECRET=s3cr3t-jwt-value\n' },
      ],
      undo: [{ kind: 'run', command: { argv: ['rm', '-rf', '/opt/homelab-tui/vikunja'] } }],
    },
    { id: 'up', title: 'Start', actions: [{ kind: 'run', command: { argv: ['docker-compose', '-p', 'vikunja', 'up', '-d'] } }] },
  ],
};

describe('plan rendering', () => {
  it('prints numbered steps, exact commands, files with mode and masked content', () => {
    const text = renderPlanText(plan);
    expect(text).toContain('Plan: install vikunja as "vikunja" on docker1 with compose');
    expect(text).toContain('1. Write the stack\n   $ mkdir -p /opt/homelab-tui/vikunja');
    expect(text).toContain('   write /opt/homelab-tui/vikunja/.env (mode 0600)\n     │ VIKUNJA_SERVICE_JWTSECRET=••••');
    expect(text).toContain('   undo: $ rm -rf /opt/homelab-tui/vikunja');
    expect(text).toContain('2. Start\n   $ docker-compose -p vikunja up -d');
    expect(text).toContain('• answers saved to');
    expect(text).not.toContain('s3cr3t-jwt-value');
  });

  it('gives the same plan as data for --json, secrets masked', () => {
    const view = viewPlan(plan);
    expect(view.steps[0]?.actions[1]).toEqual({
      kind: 'write',
      path: '/opt/homelab-tui/vikunja/.env',
      mode: '0600',
      content: 'VIKUNJA_SERVICE_JWTSECRET=••••\n',
    });
    expect(JSON.stringify(view)).not.toContain('s3cr3t-jwt-value');
  });

  it('quotes arguments that a shell would split or expand', () => {
    const text = renderPlanText({ ...plan, steps: [{ id: 'q', title: 'Q', actions: [{ kind: 'run', command: { argv: ['echo', 'two words', "it's", '$(x)'] } }] }] });
    expect(text).toContain(`$ echo 'two words' 'it'\\''s' '$(x)'`);
  });
});
