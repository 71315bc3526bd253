// What this server process remembers about its own writes, so that a retried call does not write twice.

export type JournalEntry<T> =
  | { state: 'pending'; promise: Promise<unknown> }
  | { state: 'created'; value: T; at: number }
  | { state: 'unknown'; startedAt: number; at: number }
  // Pixieset confirmed it (2xx) but the object was not seen: an identical call looks, never sends.
  | { state: 'committed'; startedAt: number; at: number };

// Keyed by a canonical description of the write; entries live for ttlMs (10 minutes by default).
export class WriteJournal {
  private readonly entries = new Map<string, JournalEntry<unknown>>();

  constructor(
    readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string): JournalEntry<T> | undefined {
    this.prune();
    return this.entries.get(key) as JournalEntry<T> | undefined;
  }

  pending(key: string, promise: Promise<unknown>): void {
    this.entries.set(key, { state: 'pending', promise });
  }

  created<T>(key: string, value: T): void {
    this.entries.set(key, { state: 'created', value, at: this.now() });
  }

  unknown(key: string, startedAt: number): void {
    this.entries.set(key, { state: 'unknown', startedAt, at: this.now() });
  }

  committed(key: string, startedAt: number): void {
    this.entries.set(key, { state: 'committed', startedAt, at: this.now() });
  }

  // Drops the entry if it is still the given pending claim.
  release(key: string, claim: Promise<unknown>): void {
    const e = this.entries.get(key);
    if (e?.state === 'pending' && e.promise === claim) this.entries.delete(key);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private prune(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, e] of this.entries) if (e.state !== 'pending' && e.at < cutoff) this.entries.delete(key);
  }
}

// A stable key for a write: the same arguments in any property order give the same key.
export function writeKey(tool: string, args: unknown): string {
  return `${tool}:${canonical(args)}`;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
