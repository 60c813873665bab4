import { describe, expect, it } from 'vitest';
import { rewriteImages } from '../../../../src/providers/compose/plan-update.js';

const FILE = `# Written by homelab-tui for the deployment "web": labapp 1, run with docker-compose.
# Secrets are in the <service>.env files beside it (mode 0600). homelab-tui rewrites this file on updates.
services:
  "labapp":
    "image": "local/labapp:1"
    "ports":
      - "8080:8080"
  "db":
    "image": "postgres:16"
`;

describe('rewriteImages', () => {
  it('replaces only the images of the listed services, keeps the rest and the header, and says what was there', () => {
    const { text, before } = rewriteImages(FILE, new Map([['labapp', 'local/labapp:2']]), { from: '1', to: '2' });
    expect(text).toContain('image": "local/labapp:2"');
    expect(text).toContain('"postgres:16"');
    expect(text).toContain('"8080:8080"');
    expect(text).toContain('labapp 2, run with docker-compose');
    expect(before).toEqual(new Map([['labapp', 'local/labapp:1']]));
  });

  it('ignores a service the file does not have', () => {
    const { before } = rewriteImages(FILE, new Map([['worker', 'x:1']]));
    expect(before.size).toBe(0);
  });
});
