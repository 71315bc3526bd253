// The tool calls under way, so shutdown can let them finish (their answers still go out) or name the ones
// it had to abandon.
export class InFlightCalls {
  private readonly calls = new Map<number, { tool: string; done: Promise<void> }>();
  private next = 0;

  // Records a call until `work` settles.
  track<T>(tool: string, work: Promise<T>): Promise<T> {
    const id = this.next++;
    const done = work.then(
      () => {},
      () => {},
    );
    this.calls.set(id, { tool, done });
    void done.then(() => this.calls.delete(id));
    return work;
  }

  get size(): number {
    return this.calls.size;
  }

  // Waits up to `ms` for every call under way; returns the tools of those still running then.
  async drain(ms: number): Promise<string[]> {
    // Requests read just before stdin closed start their handlers a tick later.
    await new Promise((r) => setImmediate(r));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => {
      timer = setTimeout(r, ms);
    });
    await Promise.race([Promise.all([...this.calls.values()].map((c) => c.done)), timeout]);
    clearTimeout(timer);
    // Answers are written on the next turns of the event loop.
    await new Promise((r) => setImmediate(r));
    return [...this.calls.values()].map((c) => c.tool);
  }
}
