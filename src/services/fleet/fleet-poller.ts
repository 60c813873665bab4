import type { Clock } from '../../platform/clock.js';
import { Semaphore } from '../../platform/concurrency.js';
import type { HostReading } from './fleet-reading.js';

/** How often and how many: the interval between refreshes of one host, and the backoff after failures. */
export interface PollTiming {
  intervalMs: number;
  /** Hosts read at once. */
  concurrency: number;
  /** After n failures in a row the next try waits baseMs × 2^(n-1), at most capMs. */
  backoff: { baseMs: number; capMs: number };
}

/** One refresh's answer, tagged with its target and the epoch it was asked in. */
export interface TaggedReading {
  target: string;
  epoch: number;
  startedAt: number;
  finishedAt: number;
  reading: HostReading;
  /** Failed refreshes in a row, this one included (0 after a success). */
  failures: number;
  /** When the next refresh of this target is due. */
  nextAt: number;
}

/** What the poller needs: how to read one host, a clock, timing, and where answers go. */
export interface FleetPollerOptions extends PollTiming {
  read(host: string, signal: AbortSignal): Promise<HostReading>;
  clock: Clock;
  onResult(result: TaggedReading): void;
}

/** Refreshes hosts in the background; answers arrive through `onResult`. */
export interface FleetPoller {
  /** Starts polling new hosts and stops (and forgets) hosts no longer named. */
  setHosts(hosts: readonly string[]): void;
  /** Refreshes now (one host, or all); a refresh already running is followed by one more, never overlapped. */
  refresh(host?: string): void;
  /** Drops the answer of a refresh in flight (it was asked before something changed) and refreshes again. */
  invalidate(host: string): void;
  /** The epoch answers for this host must carry to be current. */
  epochOf(host: string): number;
  /** Answers dropped because they were stale, for tests and diagnostics. */
  readonly dropped: number;
  stop(): void;
}

interface Target {
  epoch: number;
  phase: 'idle' | 'queued' | 'reading';
  again: boolean;
  failures: number;
  stopped: boolean;
  /** Ends the wait between refreshes early. */
  wake?: AbortController;
  /** Asks the read in flight to stop (its answer is dropped either way). */
  inflight?: AbortController;
}

/** Creates the poller; it starts with no hosts (call setHosts). */
export function createFleetPoller(options: FleetPollerOptions): FleetPoller {
  return new Poller(options);
}

class Poller implements FleetPoller {
  private readonly targets = new Map<string, Target>();
  private readonly slots: Semaphore;
  private epochs = 0;
  dropped = 0;

  constructor(private readonly options: FleetPollerOptions) {
    this.slots = new Semaphore(options.concurrency);
  }

  setHosts(hosts: readonly string[]): void {
    for (const [host, target] of this.targets) if (!hosts.includes(host)) this.retire(host, target);
    for (const host of hosts) {
      if (this.targets.has(host)) continue;
      const target: Target = { epoch: ++this.epochs, phase: 'idle', again: false, failures: 0, stopped: false };
      this.targets.set(host, target);
      void this.loop(host, target);
    }
  }

  refresh(host?: string): void {
    for (const [name, target] of this.targets) if (host === undefined || host === name) this.wakeUp(target);
  }

  invalidate(host: string): void {
    const target = this.targets.get(host);
    if (!target) return;
    // Epochs only grow, across hosts too, so an answer can never match a later epoch by accident.
    target.epoch = ++this.epochs;
    // A refresh still queued reads the epoch when it starts, so only one already reading is stopped.
    if (target.phase === 'reading') target.inflight?.abort(new Error('superseded'));
    this.wakeUp(target);
  }

  epochOf(host: string): number {
    return this.targets.get(host)?.epoch ?? -1;
  }

  stop(): void {
    for (const [host, target] of this.targets) this.retire(host, target);
  }

  private retire(host: string, target: Target): void {
    target.stopped = true;
    target.epoch = ++this.epochs;
    target.inflight?.abort(new Error('stopped'));
    target.wake?.abort();
    this.targets.delete(host);
  }

  private wakeUp(target: Target): void {
    // Queued: the refresh about to start is the one asked for. Otherwise one more follows (reading)
    // or starts now (waiting); the flag also covers the moment between a refresh and the next wait.
    if (target.phase === 'queued') return;
    target.again = true;
    target.wake?.abort();
  }

  private delayAfter(target: Target): number {
    if (target.failures === 0) return this.options.intervalMs;
    const { baseMs, capMs } = this.options.backoff;
    return Math.min(capMs, baseMs * 2 ** Math.min(target.failures - 1, 30));
  }

  private async loop(host: string, target: Target): Promise<void> {
    while (!target.stopped) {
      await this.refreshOnce(host, target);
      if (target.stopped) return;
      if (target.again) continue;
      target.wake = new AbortController();
      try {
        await this.options.clock.sleep(this.delayAfter(target), target.wake.signal);
      } catch {
        // Woken early: refresh now.
      }
      target.wake = undefined;
    }
  }

  private async refreshOnce(host: string, target: Target): Promise<void> {
    target.phase = 'queued';
    const inflight = new AbortController();
    target.inflight = inflight;
    let release: (() => void) | undefined;
    try {
      release = await this.slots.acquire(inflight.signal);
    } catch {
      target.phase = 'idle';
      return;
    }
    target.phase = 'reading';
    target.again = false;
    const epoch = target.epoch;
    const { clock } = this.options;
    const startedAt = clock.now();
    let reading: HostReading;
    try {
      reading = await this.options.read(host, inflight.signal);
    } catch (error) {
      // A source that throws (rather than reporting the host as not answering) has a bug; show it.
      reading = { host, deployments: [], broken: [], error: { message: error instanceof Error ? error.message : String(error), hint: 'this is a bug in homelab-tui; the log file has details' } };
    } finally {
      release();
      target.phase = 'idle';
      target.inflight = undefined;
    }
    if (target.stopped || epoch !== target.epoch) {
      this.dropped++;
      return;
    }
    target.failures = reading.error ? target.failures + 1 : 0;
    const finishedAt = clock.now();
    this.options.onResult({ target: host, epoch, startedAt, finishedAt, reading, failures: target.failures, nextAt: finishedAt + this.delayAfter(target) });
  }
}
