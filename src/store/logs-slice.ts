import type { StateCreator } from 'zustand/vanilla';
import { refKey, type DeploymentRef } from '../services/fleet/fleet-reading.js';
import { LogBuffer } from '../services/logs/log-buffer.js';
import { pumpLogLines } from '../services/logs/log-pump.js';
import { cleanLogText } from '../services/logs/log-text.js';
import { throttle } from '../platform/throttle.js';
import type { AppDeps, AppState } from './app-store.js';
import { readingOf } from './details-slice.js';
import type { Route } from './shell-slice.js';

/** Lines asked of the host when the view opens (the host's own log tool cuts them: `--tail`). */
export const LOG_TAIL = 500;
/** Lines kept per service. */
export const LOG_CAPACITY = 5000;
/** At most this many repaints a second from incoming lines (Ink throttles on top). */
export const LOG_REPAINTS_PER_SECOND = 15;

/** The logs view: the stream, its bounded buffer, and how it is shown. */
export interface LogsState {
  key: string;
  ref: DeploymentRef;
  service?: string;
  /** Where Esc goes back to. */
  back: Route;
  /** Mutable and bounded; `revision` says when to draw it again. */
  buffer: LogBuffer;
  revision: number;
  status: 'connecting' | 'following' | 'ended' | 'failed';
  error?: { message: string; hint?: string };
  paused: boolean;
  /** The newest line shown while paused. */
  pausedAt?: number;
  /** Matching lines hidden below the bottom of the view (scrolled up). */
  scroll: number;
  filter: string;
  filtering: boolean;
  invert: boolean;
  timestamps: boolean;
  wrap: boolean;
}

/** Opens, follows and closes log streams, and holds the view's toggles. */
export interface LogsSlice {
  logs: LogsState | undefined;
  openLogs(ref: DeploymentRef, service?: string): void;
  closeLogs(): void;
  toggleLogsPause(): void;
  /** Positive scrolls up (older lines); scrolling up pauses, as in less. */
  scrollLogs(lines: number): void;
  followLogs(): void;
  setLogsFilter(text: string): void;
  setLogsFiltering(on: boolean): void;
  toggleLogsInvert(): void;
  toggleLogsTimestamps(): void;
  toggleLogsWrap(): void;
}

export function createLogsSlice(deps: AppDeps): StateCreator<AppState, [], [], LogsSlice> {
  return (set, get) => {
    let stream: { controller: AbortController; publish: ReturnType<typeof throttle> } | undefined;

    const update = (key: string, change: Partial<LogsState>): void => {
      const logs = get().logs;
      if (logs && logs.key === key) set({ logs: { ...logs, ...change } });
    };
    const change = (fn: (logs: LogsState) => Partial<LogsState>): void => {
      const logs = get().logs;
      if (logs) set({ logs: { ...logs, ...fn(logs) } });
    };

    const stop = (): void => {
      stream?.controller.abort();
      stream?.publish.cancel();
      stream = undefined;
    };

    const start = (ref: DeploymentRef, service: string | undefined, key: string, buffer: LogBuffer): void => {
      const controller = new AbortController();
      const publish = throttle(() => update(key, { revision: buffer.taken }), 1000 / LOG_REPAINTS_PER_SECOND);
      stream = { controller, publish };
      const reading = readingOf(get(), ref);
      if (!reading) {
        update(key, { status: 'failed', error: { message: `no answer from ${ref.host} yet`, hint: 'wait for the host to answer, or press r on the list to refresh' } });
        return;
      }
      const lines = deps.fleet.logs(reading, { ...(service ? { service } : {}), tail: LOG_TAIL, follow: true, signal: controller.signal });
      let first = true;
      pumpLogLines(
        lines,
        (line) => {
          if (first) {
            first = false;
            update(key, { status: 'following' });
          }
          buffer.append(line.source, cleanLogText(line.line), deps.fleet.clock.now(), line.time);
          publish();
        },
        { signal: controller.signal },
      ).then(
        () => {
          if (controller.signal.aborted) return;
          publish.flush();
          update(key, { status: 'ended', revision: buffer.taken });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          publish.flush();
          const hint = (error as { hint?: unknown }).hint;
          update(key, { status: 'failed', revision: buffer.taken, error: { message: error instanceof Error ? error.message : String(error), ...(typeof hint === 'string' ? { hint } : {}) } });
        },
      );
    };

    return {
      logs: undefined,
      openLogs: (ref, service) => {
        stop();
        const key = `${refKey(ref)}${service ? `/${service}` : ''}`;
        const buffer = new LogBuffer(LOG_CAPACITY);
        const back = get().route;
        set({
          logs: { key, ref, ...(service ? { service } : {}), back, buffer, revision: 0, status: 'connecting', paused: false, scroll: 0, filter: '', filtering: false, invert: false, timestamps: false, wrap: false },
        });
        get().navigate({ name: 'logs', ref, ...(service ? { service } : {}) });
        start(ref, service, key, buffer);
      },
      closeLogs: () => {
        const back = get().logs?.back ?? { name: 'dashboard' };
        stop();
        set({ logs: undefined });
        get().navigate(back);
      },
      toggleLogsPause: () => change((l) => (l.paused ? { paused: false, pausedAt: undefined, scroll: 0 } : { paused: true, pausedAt: l.buffer.lastSeq })),
      scrollLogs: (lines) =>
        change((l) => {
          const scroll = Math.max(0, l.scroll + lines);
          return l.paused || scroll === 0 ? { scroll } : { scroll, paused: true, pausedAt: l.buffer.lastSeq };
        }),
      followLogs: () => change(() => ({ paused: false, pausedAt: undefined, scroll: 0 })),
      setLogsFilter: (text) => change(() => ({ filter: text, scroll: 0 })),
      setLogsFiltering: (on) => change(() => ({ filtering: on })),
      toggleLogsInvert: () => change((l) => ({ invert: !l.invert, scroll: 0 })),
      toggleLogsTimestamps: () => change((l) => ({ timestamps: !l.timestamps })),
      toggleLogsWrap: () => change((l) => ({ wrap: !l.wrap })),
    };
  };
}
