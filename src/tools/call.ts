import { CancelledError } from '../pixieset/errors.js';
import type { Deps, Progress, ToolContext } from './define.js';

// The one path every call takes — a tool call, a resource read, a completion: one deadline for the whole call
// (retries and reconciliation included, below what hosts wait), tracked while under way (so shutdown can wait
// for it), and, once its answer is decided, silent (no progress after the response) and stopped if anything of
// it still runs (a sibling read of a failed Promise.all, work past the deadline).

export interface CallOptions {
  // What the call is, for in-flight tracking and logs: a tool's name, "resource client", "completion".
  name: string;
  // The caller's cancellation (the request's signal).
  signal: AbortSignal;
  // The deadline; default PIXIESET_CALL_TIMEOUT_MS.
  deadlineMs?: number;
  // Progress to the caller when it asked for it.
  progress?: Progress;
  // Asks the human (given the call's own signal, so its deadline ends the question too).
  confirm?: ((message: string, signal: AbortSignal) => Promise<'accept' | 'decline' | 'cancel'>) | undefined;
}

// The work's value, or 'late' when the deadline passed first (the work was told to stop, and given a second).
export type CallOutcome<T> = { value: T } | { late: true; deadlineMs: number };

export async function inCall<T>(
  deps: Deps,
  o: CallOptions,
  work: (ctx: ToolContext) => Promise<T>,
): Promise<CallOutcome<T>> {
  const deadlineMs = o.deadlineMs ?? deps.config.callTimeoutMs;
  const deadline = new AbortController();
  const leftOver = new AbortController();
  const signal = AbortSignal.any([o.signal, deadline.signal, leftOver.signal]);
  let answered = false;
  let finished = false;
  const ctx: ToolContext = {
    ...deps,
    signal,
    confirm: o.confirm
      ? (message) => (o.confirm as NonNullable<CallOptions['confirm']>)(message, signal)
      : undefined,
    progress: (done, total, message) => {
      if (!answered) o.progress?.(done, total, message);
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      deadline.abort(new CancelledError());
      setTimeout(() => resolve('late'), 1_000).unref();
    }, deadlineMs);
  });
  try {
    const running = work(ctx);
    running.catch(() => {});
    const tracked = deps.inFlight ? deps.inFlight.track(o.name, running) : running;
    const value = await Promise.race([tracked, late]);
    if (value === 'late') return { late: true, deadlineMs };
    finished = true;
    return { value };
  } catch (error) {
    if (deadline.signal.aborted && !o.signal.aborted) return { late: true, deadlineMs };
    throw error;
  } finally {
    answered = true;
    // Work that finished has nothing under way; work that failed or ran late may (aborting after every call
    // cost ~0.2 ms of per-call overhead, measured).
    if (!finished) leftOver.abort(new CancelledError());
    clearTimeout(timer);
  }
}
