import { describe, expect, it } from 'vitest';
import { snapshotsBeyond, updateMarkerPath, updateSnapshotName } from '../../../../src/providers/proxmox-lxc/update-snapshots.js';

describe("homelab-tui's update snapshots", () => {
  it('are named by UTC time, within PVE\'s snapshot name rules (a letter first, at most 40 characters)', () => {
    const name = updateSnapshotName(Date.UTC(2026, 11, 7, 2, 15, 9));
    expect(name).toBe('homelab-tui-20261207-021509');
    expect(name).toMatch(/^[a-z][a-z0-9_-]{1,39}$/i);
  });

  it('prunes only its own snapshots beyond the kept count, oldest first; the user\'s are never listed', () => {
    const names = ['mine', 'homelab-tui-20261207-021509', 'before_upgrade', 'homelab-tui-20261101-000000', 'homelab-tui-20261206-120000', 'homelab-tui-mine'];
    expect(snapshotsBeyond(names, 1)).toEqual(['homelab-tui-20261101-000000', 'homelab-tui-20261206-120000']);
    expect(snapshotsBeyond(names, 3)).toEqual([]);
    expect(snapshotsBeyond(['mine'], 1)).toEqual([]);
  });

  it('notes the snapshot of an update in progress under the host state dir, per deployment', () => {
    expect(updateMarkerPath('books')).toBe('/var/lib/homelab-tui/updates/books.lxc-snapshot');
  });
});
