// A short-lived, size-bounded cache of validated GET answers, so a question asked again within a conversation
// sends no new requests and parses nothing again. Values are shared: callers must not mutate them (none do;
// tools map them into new objects). Any write clears it: a new invoice must show up immediately.
export class ReadCache {
  private readonly entries = new Map<string, { value: unknown; size: number; at: number }>();
  private bytes = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly maxBytes = 16 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(key: string): { value: unknown } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    return { value: e.value };
  }

  // size: the length of the body the value was read from, as a measure of what it holds.
  set(key: string, value: unknown, size: number): void {
    if (!this.enabled || size > this.maxBytes / 4) return;
    this.delete(key);
    this.entries.set(key, { value, size, at: this.now() });
    this.bytes += size;
    // Oldest first out, until within both bounds.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (e) {
      this.bytes -= e.size;
      this.entries.delete(key);
    }
  }
}
