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

/**
 * A fixed-size ring of one source's lines; the oldest is overwritten when full. Kept as parallel
 * arrays rather than an object per line: a flood of lines then makes far less garbage, and entries
 * are built only for the lines drawn.
 */
class Ring {
  private readonly seqs: Float64Array;
  private readonly received: Float64Array;
  private readonly texts: string[] = [];
  private readonly times: Array<string | undefined> = [];
  private start = 0;
  length = 0;

  constructor(
    readonly source: string,
    private readonly capacity: number,
  ) {
    this.seqs = new Float64Array(capacity);
    this.received = new Float64Array(capacity);
  }

  push(seq: number, text: string, receivedAt: number, time: string | undefined): void {
    let slot: number;
    if (this.length < this.capacity) slot = this.length++;
    else {
      slot = this.start;
      this.start = (this.start + 1) % this.capacity;
    }
    this.seqs[slot] = seq;
    this.received[slot] = receivedAt;
    this.texts[slot] = text;
    if (time !== undefined || this.times.length > 0) this.times[slot] = time;
  }

  private slot(i: number): number {
    return (this.start + i) % this.length;
  }

  /** Sequence number of the i-th oldest line. */
  seqAt(i: number): number {
    return this.seqs[this.slot(i)] as number;
  }

  /** The i-th oldest line as an entry. */
  at(i: number): LogEntry {
    const slot = this.slot(i);
    const time = this.times[slot];
    return { seq: this.seqs[slot] as number, source: this.source, text: this.texts[slot] as string, receivedAt: this.received[slot] as number, ...(time !== undefined ? { time } : {}) };
  }

  /** Index of the newest line with seq ≤ `seq` (-1 when none); sequence numbers grow within a ring. */
  lastAtOrBefore(seq: number): number {
    let lo = 0;
    let hi = this.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.seqAt(mid) <= seq) {
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
      ring = new Ring(source, this.capacityPerSource);
      this.rings.set(source, ring);
    }
    ring.push(++this.seq, text, receivedAt, time);
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
        if (cursor.index >= 0 && (!best || cursor.ring.seqAt(cursor.index) > best.ring.seqAt(best.index))) best = cursor;
      }
      if (!best) return;
      yield best.ring.at(best.index);
      best.index--;
    }
  }
}
