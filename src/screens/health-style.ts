import type { VerdictLevel } from '../services/fleet/service-verdict.js';
import type { ConnectionStatus } from '../platform/ssh/connection-state.js';
import type { Theme } from './theme.js';

/** A glyph and a theme colour: the glyph alone carries the meaning when colour is off (NO_COLOR). */
export interface Look {
  glyph: string;
  colour: Exclude<keyof Theme, 'sources'>;
}

const LEVELS: Record<VerdictLevel, Look> = {
  ok: { glyph: '✓', colour: 'ok' },
  done: { glyph: '✓', colour: 'muted' },
  starting: { glyph: '…', colour: 'warn' },
  off: { glyph: '○', colour: 'muted' },
  warn: { glyph: '⚠', colour: 'warn' },
  bad: { glyph: '✗', colour: 'error' },
  unknown: { glyph: '?', colour: 'muted' },
};

export function levelLook(level: VerdictLevel): Look {
  return LEVELS[level];
}

const CONNECTIONS: Record<ConnectionStatus, Look & { words: string }> = {
  idle: { glyph: '○', colour: 'muted', words: 'not connected yet' },
  connecting: { glyph: '…', colour: 'warn', words: 'connecting' },
  connected: { glyph: '●', colour: 'ok', words: 'connected' },
  stale: { glyph: '◐', colour: 'warn', words: 'stale (reconnects on the next refresh)' },
  unreachable: { glyph: '✗', colour: 'error', words: 'unreachable' },
  'auth-failed': { glyph: '✗', colour: 'error', words: 'auth failed' },
  'host-key-rejected': { glyph: '✗', colour: 'error', words: 'host key rejected' },
  closed: { glyph: '○', colour: 'muted', words: 'closed' },
};

export function connectionLook(status: ConnectionStatus): Look & { words: string } {
  return CONNECTIONS[status];
}
