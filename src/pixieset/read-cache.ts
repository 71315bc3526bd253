// A short-lived, size-bounded cache of GET response bodies, so a question asked again within a conversation
// sends no new requests. Any write clears it: a new invoice must show up immediately.
export class ReadCache {
  private readonly entries = new Map<string, { body: string; at: number }>();
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

  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    return e.body;
  }

  set(key: string, body: string): void {
    if (!this.enabled || body.length > this.maxBytes / 4) return;
    this.delete(key);
    this.entries.set(key, { body, at: this.now() });
    this.bytes += body.length;
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
      this.bytes -= e.body.length;
      this.entries.delete(key);
    }
  }
}
