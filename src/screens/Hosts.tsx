import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import type { HostCheck } from '../services/hosts/check-hosts.js';
import type { HostEntry } from '../services/hosts/hosts-service.js';
import { selectedHost } from '../store/hosts-screen-slice.js';
import { activeScope } from './action-reasons.js';
import { hostStatus } from './FleetLine.js';
import { HostFields } from './HostFields.js';
import { confirmKeymap, hostFormKeymap, hostsKeymap } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { useAppState } from './store-context.js';
import { useTheme, type Theme } from './theme.js';
import { useScrollWindow } from './use-scroll-window.js';
import { factsLine } from './wizard/host-summary.js';

/** Where a host is reached: its address, and the user and port when set. */
function targetOf(entry: HostEntry): string {
  if (entry.kind === 'local') return '(this machine)';
  return `${entry.user ? `${entry.user}@` : ''}${entry.address}${entry.port ? `:${entry.port}` : ''}`;
}

/** The last check of a host in one line. */
function checkLine(check: HostCheck | undefined, checking: boolean): { glyph: string; colour: Exclude<keyof Theme, 'sources'>; text: string } | undefined {
  if (checking) return { glyph: '…', colour: 'muted', text: 'checking: connect, host key, login, probe' };
  if (!check) return undefined;
  if (check.ok && check.facts) {
    const key = check.hostKey === 'accepted' ? 'new host key accepted · ' : '';
    return { glyph: '✓', colour: 'ok', text: `${key}${factsLine(check.facts, [])} · ${check.durationMs} ms`.replace('no container tools · ', '') };
  }
  const error = check.error;
  return { glyph: '✗', colour: 'error', text: `${error?.message ?? 'the check failed'}${error?.hint ? ` · ${error.hint}` : ''}` };
}

/** The hosts screen: the inventory with each host's connection and last check; add, edit, remove, check. */
export function Hosts({ width, height, isActive }: { width: number; height: number; isActive: boolean }) {
  const theme = useTheme();
  const { screen, connections, fleet, now, scope } = useAppState(useShallow((s) => ({ screen: s.hostsScreen, connections: s.connections, fleet: s.fleet, now: s.now, scope: activeScope(s) })));
  const a = useAppState(
    useShallow((s) => ({
      close: s.closeHosts,
      move: s.moveHostSelection,
      startForm: s.startHostForm,
      edit: s.editHostField,
      moveFocus: s.moveHostFormFocus,
      confirm: s.confirmHostFormField,
      cancel: s.cancelHostForm,
      askRemove: s.askRemoveHost,
      answerRemove: s.answerRemoveHost,
      check: s.checkHosts,
    })),
  );
  const { form, removing, message } = screen;
  useKeymap(
    hostsKeymap,
    {
      back: a.close,
      down: () => a.move(1),
      up: () => a.move(-1),
      add: () => a.startForm('add'),
      edit: () => a.startForm('edit'),
      remove: () => void a.askRemove(),
      check: () => void a.check(),
      checkAll: () => void a.check({ all: true }),
    },
    { isActive: isActive && scope === 'hosts' },
  );
  useKeymap(hostFormKeymap, { next: () => a.moveFocus(1), previous: () => a.moveFocus(-1), confirm: () => void a.confirm(), cancel: a.cancel }, { isActive: isActive && scope === 'host-form' && !form?.saving, typing: true });
  useKeymap(confirmKeymap, { yes: () => void a.answerRemove(true), no: () => void a.answerRemove(false) }, { isActive: isActive && scope === 'confirm' && removing !== undefined });

  const selected = selectedHost(screen);
  // Each host takes two lines: the host, and its last check.
  const listHeight = Math.max(2, height - 3 - (form ? 11 : 0) - (removing ? 4 : 0) - (message ? 2 : 0));
  const perPage = Math.max(1, Math.floor(listHeight / 2));
  const start = useScrollWindow(screen.selected, perPage, screen.entries.length);
  const nameWidth = Math.min(16, Math.max(6, ...screen.entries.map((e) => e.name.length + 1)));
  const targetWidth = Math.min(28, Math.max(8, ...screen.entries.map((e) => targetOf(e).length + 1)));

  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1} overflowY="hidden">
      <Text wrap="truncate-end">
        <Text bold>Hosts</Text>
        <Text color={theme.muted}> · {screen.entries.length} in the inventory (hosts.yaml) · the same as homelab-tui hosts list|add|remove|check</Text>
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {'  '}
        {'NAME'.padEnd(nameWidth)}
        {'ADDRESS'.padEnd(targetWidth)}CONNECTION
      </Text>
      <Box flexDirection="column" height={listHeight} overflowY="hidden">
        {screen.entries.slice(start, start + perPage).map((entry) => {
          const info = { address: entry.address, local: entry.kind === 'local', ...(connections[entry.name] ? { connection: connections[entry.name] } : {}), ...(fleet[entry.name] ? { fleet: fleet[entry.name] } : {}) };
          const status = hostStatus(info, now);
          const check = checkLine(screen.checks[entry.name], screen.checking.includes(entry.name));
          const mark = entry.name === selected?.name ? '▸ ' : '  ';
          return (
            <Box key={entry.name} flexDirection="column">
              <Text wrap="truncate-end" bold={entry.name === selected?.name}>
                {mark}
                {entry.name.padEnd(nameWidth)}
                {targetOf(entry).padEnd(targetWidth)}
                <Text color={theme[status.look.colour]}>
                  {status.look.glyph} {status.text}
                </Text>
              </Text>
              <Text wrap="truncate-end" color={check ? theme[check.colour] : theme.muted}>
                {'    '}
                {check ? `${check.glyph} ${check.text}` : 'not checked yet (c checks it)'}
              </Text>
            </Box>
          );
        })}
      </Box>
      {form ? (
        <Box flexDirection="column">
          <Text bold>{form.mode === 'edit' ? `Edit ${form.original}` : 'Add a host'}</Text>
          <HostFields values={form.values} focus={form.focus} isActive={isActive && scope === 'host-form'} onChange={a.edit} {...(form.saving ? { busy: `Saving ${form.values.name}…` } : {})} {...(form.error ? { error: form.error } : {})} />
        </Box>
      ) : null}
      {removing ? (
        <Box flexDirection="column">
          <Text bold color={theme.warn} wrap="truncate-end">
            ⚠ Remove {removing.host} from the inventory? <Text color={theme.accent}>[y/N]</Text>
          </Text>
          <Text color={theme.muted} wrap="wrap">
            {'  '}
            {removing.deployments.length > 0
              ? `Deployments recorded on it: ${removing.deployments.join(', ')}. They keep running; the dashboard no longer sees them until it is added again.`
              : 'Nothing on the host changes; no deployment is recorded on it.'}
          </Text>
        </Box>
      ) : null}
      {message ? (
        <Box flexDirection="column">
          <Text color={message.tone === 'error' ? theme.error : theme.ok} wrap="truncate-end">
            {message.tone === 'error' ? '✗' : '✓'} {message.text}
          </Text>
          {message.hint ? <Text color={theme.muted} wrap="truncate-end">  {message.hint}</Text> : null}
        </Box>
      ) : null}
    </Box>
  );
}
