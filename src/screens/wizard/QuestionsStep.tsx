import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { FieldView } from '../../services/wizard/form-model.js';
import { ADVANCED_ROW, CONTINUE_ROW, type FormData } from '../../store/wizard-types.js';
import { useKeymap } from '../keymap.js';
import { useAppState } from '../store-context.js';
import { useTheme, type Theme } from '../theme.js';
import { FieldRow } from './FieldRow.js';
import { formKeymap } from './wizard-keymaps.js';

/** One screen row of the form; `focus` marks the rows the cursor can be on. */
interface Line {
  key: string;
  node: ReactNode;
  focus?: string;
}

/**
 * Step 4: the app's questions on one screen, basic first, defaults filled in, checked as the user
 * types. "Advanced" shows the rest. Only the rows that fit are drawn, around the focused one.
 */
export function QuestionsStep({ width, height, scope }: { width: number; height: number; scope: string }) {
  const theme = useTheme();
  const form = useAppState((s) => s.wizard.form);
  const host = useAppState((s) => s.wizard.host);
  const actions = {
    next: useAppState((s) => s.moveFocus),
    confirm: useAppState((s) => s.confirmField),
    cycle: useAppState((s) => s.cycleChoice),
    back: useAppState((s) => s.wizardBack),
  };
  const isActive = scope === 'wizard-questions';
  useKeymap(
    formKeymap,
    {
      next: () => actions.next(1),
      previous: () => actions.next(-1),
      'choice-previous': () => actions.cycle(-1),
      'choice-next': () => actions.cycle(1),
      confirm: actions.confirm,
      back: actions.back,
    },
    { isActive: isActive && !form?.submitting },
  );
  if (!form) return <Text color={theme.muted}>Loading the questions…</Text>;

  const lines = formLines(form, { width, theme, isActive, host: host ?? 'the host' });
  const focusAt = Math.max(lines.findIndex((l) => l.focus === form.focus), 0);
  const room = Math.max(height - 2, 3);
  // Keep the focused row and the two rows under it (its help or error) in view.
  const top = Math.min(Math.max(0, focusAt + 3 - room), Math.max(0, lines.length - room));
  return (
    <Box flexDirection="column" height={height}>
      <Text color={theme.muted} wrap="truncate-end">
        Defaults are filled in: Enter accepts a field, Esc goes back.{lines.length > room ? ` (${top + 1}–${Math.min(top + room, lines.length)} of ${lines.length} rows)` : ''}
      </Text>
      <Box flexDirection="column" marginTop={1} height={room} overflow="hidden">
        {lines.slice(top, top + room).map((line) => (
          <Box key={line.key}>{line.node}</Box>
        ))}
      </Box>
    </Box>
  );
}

function formLines(form: FormData, ctx: { width: number; theme: Theme; isActive: boolean; host: string }): Line[] {
  const { theme } = ctx;
  const lines: Line[] = [];
  let section: string | undefined;
  for (const field of form.state.fields) {
    if (field.section !== section) {
      section = field.section;
      lines.push({ key: `section-${section}`, node: <Text bold>{section}</Text> });
    }
    const focused = form.focus === field.id;
    lines.push({ key: field.id, focus: field.id, node: <FieldRow field={field} focused={focused} isActive={ctx.isActive && !form.submitting} width={ctx.width} /> });
    const message = messageOf(field, form, focused);
    if (message) lines.push({ key: `${field.id}-message`, node: <Text wrap="truncate-end" color={message.colour(theme)}>{'    '}{message.text}</Text> });
  }
  const { advancedHidden, advancedProblems } = form.state;
  if (form.showAdvanced || advancedHidden > 0) {
    const label = form.showAdvanced ? '− Hide the advanced settings' : `+ Show ${advancedHidden} advanced setting${advancedHidden === 1 ? '' : 's'}`;
    lines.push({
      key: ADVANCED_ROW,
      focus: ADVANCED_ROW,
      node: (
        <Text wrap="truncate-end" bold={form.focus === ADVANCED_ROW} color={form.focus === ADVANCED_ROW ? theme.accent : theme.muted}>
          {form.focus === ADVANCED_ROW ? '▸ ' : '  '}
          {label}
          {advancedProblems > 0 ? <Text color={theme.error}> ({advancedProblems} need{advancedProblems === 1 ? 's' : ''} attention)</Text> : null}
        </Text>
      ),
    });
  }
  const continueFocused = form.focus === CONTINUE_ROW;
  lines.push({
    key: CONTINUE_ROW,
    focus: CONTINUE_ROW,
    node: (
      <Text bold={continueFocused} color={continueFocused ? theme.accent : undefined}>
        {continueFocused ? '▸ ' : '  '}[ Continue to preflight ]
      </Text>
    ),
  });
  const status = statusOf(form, ctx.host);
  if (status) lines.push({ key: 'status', node: <Text wrap="truncate-end" color={status.colour(theme)}>{'    '}{status.text}</Text> });
  if (form.database && !form.database.ok) lines.push({ key: 'status-hint', node: <Text wrap="truncate-end" color={theme.muted}>{'    '}{form.database.hint}</Text> });
  return lines;
}

type Message = { text: string; colour: (theme: Theme) => string | undefined };

/** The line under a field: its error, then a warning about its name, then (when focused) its help. */
function messageOf(field: FieldView, form: FormData, focused: boolean): Message | undefined {
  if (field.error) return { text: `✗ ${field.error}`, colour: (t) => t.error };
  if (field.missing && (form.showMissing || (focused && field.edited))) return { text: `✗ ${field.missing}`, colour: (t) => t.error };
  const warning = form.warnings[field.id];
  if (warning) return { text: `⚠ ${warning}`, colour: (t) => t.warn };
  if (focused && field.help) return { text: field.help, colour: (t) => t.muted };
  return undefined;
}

function statusOf(form: FormData, host: string): Message | undefined {
  if (form.submitting) {
    const existing = form.state.answers.db_mode === 'existing';
    return { text: existing ? `Testing the database connection from ${host}…` : 'Checking…', colour: (t) => t.muted };
  }
  if (form.database) return { text: `${form.database.ok ? '✓' : '✗'} ${form.database.message}`, colour: (t) => (form.database?.ok ? t.ok : t.error) };
  if (form.showMissing && !form.state.valid) return { text: '✗ Some answers need attention (marked ✗).', colour: (t) => t.error };
  return undefined;
}
