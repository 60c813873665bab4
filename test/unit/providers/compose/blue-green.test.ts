import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { greenComposeText, greenProject } from '../../../../src/providers/compose/blue-green.js';

const TEXT = `# Written by homelab-tui for the deployment "web": labbg 2, run with docker compose
services:
  app:
    image: "local/labapp:2"
    ports:
      - 18299:8080/tcp
      - 5353:53/udp
    volumes:
      - /srv/web/data:/data
  worker:
    image: "local/busybox:1"
    ports:
      - 9000:9000/tcp
`;

describe('the copy beside a compose deployment (blue-green)', () => {
  it('publishes only the probed port, moved to the spare one; everything else stays', () => {
    const green = parse(greenComposeText(TEXT, 18299, 18300) ?? '') as { services: Record<string, { image: string; ports?: string[]; volumes?: string[] }> };
    expect(green.services.app).toEqual({ image: 'local/labapp:2', ports: ['18300:8080/tcp'], volumes: ['/srv/web/data:/data'] });
    expect(green.services.worker).toEqual({ image: 'local/busybox:1' });
  });

  it('is undefined when no service publishes the probed port (nothing could be switched to)', () => {
    expect(greenComposeText(TEXT, 8080, 8081)).toBeUndefined();
  });

  it('is its own project in the same directory (env files and relative paths resolve alike)', () => {
    expect(greenProject({ project: 'web', dir: '/opt/homelab-tui/web', file: '/opt/homelab-tui/web/compose.yaml' })).toEqual({ project: 'web-hl-green', dir: '/opt/homelab-tui/web', file: '/opt/homelab-tui/web/compose.green.yaml' });
  });
});
