/** One buffered log line: a global sequence number (arrival order across sources), its source and text. */
export interface LogEntry {
  seq: number;
  source: string;
  text: string;
  /** The source's own time stamp (RFC 3339) when it gave one. */
  time?: string;
  /** When this machine received it (epoch ms). */
  receivedAt: number;
}

/** A fixed-size ring of entries; the oldest is overwritten when full. */
class Ring {
  private readonly items: LogEntry[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.items.length;
  }

  push(entry: LogEntry): void {
    if (this.items.length < this.capacity) this.items.push(entry);
    else {
      this.items[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The i-th oldest entry. */
  at(i: number): LogEntry {
    return this.items[(this.start + i) % this.items.length] as LogEntry;
  }

  /** Index of the newest entry with seq ≤ `seq` (-1 when none); sequence numbers grow within a ring. */
  lastAtOrBefore(seq: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid).seq <= seq) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/**
 * The log lines of several streams (one per source), each bounded to `capacityPerSource` lines so a
 * chatty service cannot push a quiet one out, read back merged in arrival order.
 */
export class LogBuffer {
  private readonly rings = new Map<string, Ring>();
  private seq = 0;
  /** Every line ever appended, kept or since overwritten. */
  taken = 0;

  constructor(readonly capacityPerSource = 5000) {}

  append(source: string, text: string, receivedAt: number, time?: string): void {
    let ring = this.rings.get(source);
    if (!ring) {
      ring = new Ring(this.capacityPerSource);
      this.rings.set(source, ring);
    }
    ring.push({ seq: ++this.seq, source, text, receivedAt, ...(time !== undefined ? { time } : {}) });
    this.taken++;
  }

  /** The sequence number of the newest line (0 when empty). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Lines held now, over all sources. */
  get size(): number {
    let total = 0;
    for (const ring of this.rings.values()) total += ring.length;
    return total;
  }

  /** Sources in the order their first line arrived. */
  sources(): string[] {
    return [...this.rings.keys()];
  }

  /** Entries newest first, merged across sources, starting at the newest with seq ≤ `untilSeq`. */
  *newestFirst(untilSeq = Number.POSITIVE_INFINITY): Generator<LogEntry> {
    const cursors = [...this.rings.values()].map((ring) => ({ ring, index: ring.lastAtOrBefore(untilSeq) }));
    for (;;) {
      let best: (typeof cursors)[number] | undefined;
      for (const cursor of cursors) {
        if (cursor.index >= 0 && (!best || cursor.ring.at(cursor.index).seq > best.ring.at(best.index).seq)) best = cursor;
      }
      if (!best) return;
      yield best.ring.at(best.index);
      best.index--;
    }
  }
}
