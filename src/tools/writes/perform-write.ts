import {
  CancelledError,
  NetworkError,
  type PixiesetError,
  TimeoutError,
  UnexpectedResponseError,
  UnreadableSuccessError,
  UpstreamError,
} from '../../pixieset/errors.js';
import type { ToolContext } from '../define.js';
import { ToolError } from '../tool-error.js';
import type { AuditEntry } from './audit.js';

// How a create that failed in transit ended, when it did not end with the object: 'outcome_unknown' (it may
// or may not exist), 'not_created' (reads showed it does not: safe to try again), 'created_unseen' (Pixieset
// confirmed it, but it could not be read or found yet: it exists, never resend it).
export class WriteOutcomeError extends ToolError {
  constructor(
    code: 'outcome_unknown' | 'not_created' | 'created_unseen',
    message: string,
    hint: string,
    context: { endpoint?: string | undefined; status?: number | undefined } = {},
  ) {
    super(code, message, hint, context.endpoint, context.status);
  }
}

export interface WriteSpec<T> {
  // A create makes a new object (found afterwards by `find`); a send is a create that reaches someone (a
  // message); an update changes one (`find` reads it back and gives it only when the change shows). The words
  // of every outcome follow from it.
  kind: 'create' | 'send' | 'update';
  tool: string;
  // writeKey(tool, args): identical calls share it.
  key: string;
  allowDuplicate: boolean;
  // Audit fields besides tool and outcome.
  audit: Omit<AuditEntry, 'tool' | 'outcome'>;
  // "invoice", "client Jane Doe": for messages.
  what: string;
  // What the reconciliation read looks at, e.g. "this client's invoices".
  checked: string;
  // Where the user can look for themselves, e.g. "list_invoices for client cl_…".
  whereToCheck: string;
  // Checks run after the duplicate check and before confirmation; throws to stop the write.
  precheck?: () => Promise<void>;
  // Asked after the duplicate check, before anything is sent (the human-in-the-loop step).
  confirm?: () => Promise<'accept' | 'decline' | 'cancel'>;
  // The one POST. Never retried here or below.
  send: () => Promise<T>;
  // Reads Pixieset for the object this write would have made, created at or after `since` (epoch ms); for an
  // update, the object if the change shows in it.
  find: (since: number) => Promise<T | undefined>;
  // Audit fields of the result.
  describe: (value: T) => { id: string | null; invoice_number?: string | null };
}

// (A send's 'created' is its message sent.)
export type WriteOutcome<T> =
  | { kind: 'created' | 'deduplicated'; value: T }
  // Found by a read after the POST failed in transit (`unreadable`: Pixieset said 2xx but the answer was unreadable).
  | { kind: 'created_after_all'; value: T; unreadable: boolean }
  | { kind: 'declined' }
  | { kind: 'cancelled' };

// When the reconciliation reads look, in ms after the failure (each wait counted from the previous look):
// lists lag behind writes, and a POST that timed out may still be committed a moment later.
export const DEFAULT_LOOK_DELAYS_MS = [0, 1_000, 2_000, 3_000];

// The one rule for "could this failed write have gone through?": no answer, an unreadable one, or a server
// error — Pixieset may have carried it out. Every write tool asks this, through performWrite.
export function mayHaveGoneThrough(error: unknown): error is PixiesetError {
  if (error instanceof TimeoutError || error instanceof UnexpectedResponseError) return true;
  if (error instanceof NetworkError) return !error.notSent;
  return error instanceof UpstreamError && (error.status ?? 0) >= 500;
}

// The words of each outcome, for a create, a send or an update.
function wordsOf(spec: Pick<WriteSpec<unknown>, 'kind' | 'what'>) {
  if (spec.kind === 'update')
    return {
      done: 'updated' as const,
      foundAfterAll: 'updated' as const,
      notDone: 'failed' as const,
      past: 'changed',
      doing: `Updating the ${spec.what}`,
      wasNot: `The change to the ${spec.what} was not made`,
      notThere: 'the change was not applied',
      whether: 'whether the change was applied',
      again: 'sending the same change again',
    };
  if (spec.kind === 'send')
    return {
      done: 'sent' as const,
      foundAfterAll: 'sent_after_all' as const,
      notDone: 'not_sent' as const,
      past: 'sent',
      doing: `Sending the ${spec.what}`,
      wasNot: `The ${spec.what} was not sent`,
      notThere: 'it was not sent',
      whether: 'whether it was sent',
      again: 'sending it again',
    };
  return {
    done: 'created' as const,
    foundAfterAll: 'created_after_all' as const,
    notDone: 'not_created' as const,
    past: 'created',
    doing: `Creating the ${spec.what}`,
    wasNot: `The ${spec.what} was not created`,
    notThere: 'it was not created',
    whether: 'whether it was created',
    again: 'creating it again',
  };
}

// Every write goes through here: duplicate guard, confirmation, one POST, and an honest answer when it fails in transit.
export async function performWrite<T>(ctx: ToolContext, spec: WriteSpec<T>): Promise<WriteOutcome<T>> {
  const { journal, audit } = ctx;
  const record = (outcome: AuditEntry['outcome'], extra: Partial<AuditEntry> = {}) =>
    audit.record({ tool: spec.tool, ...spec.audit, outcome, ...extra });

  // allow_duplicate skips the check for an earlier identical write (and never waits for one).
  let previous = spec.allowDuplicate ? undefined : journal.get<T>(spec.key);
  while (previous?.state === 'pending') {
    // The same write is under way (a host retried while it ran): wait for it rather than send a second.
    await previous.promise.catch(() => {});
    previous = journal.get<T>(spec.key);
  }
  if (previous?.state === 'created') {
    await record('deduplicated', spec.describe(previous.value));
    return { kind: 'deduplicated', value: previous.value };
  }
  // Claim the write before anything else awaits, so an identical call arriving now waits for this one.
  let release = () => {};
  const claim = new Promise<void>((resolve) => {
    release = resolve;
  });
  journal.pending(spec.key, claim);
  try {
    return await claimedWrite(ctx, spec, previous, record);
  } finally {
    // Every path records its outcome; should one not, the claim must not outlive the call.
    journal.release(spec.key, claim);
    release();
  }
}

type RecordOutcome = (o: AuditEntry['outcome'], extra?: Partial<AuditEntry>) => Promise<void>;

async function claimedWrite<T>(
  ctx: ToolContext,
  spec: WriteSpec<T>,
  previous: { state: 'unknown' | 'committed'; startedAt: number } | undefined,
  record: RecordOutcome,
): Promise<WriteOutcome<T>> {
  const { journal } = ctx;
  if (previous) {
    // An earlier identical attempt may have gone through (or did, unseen): look before sending again.
    const restore = () =>
      previous.state === 'committed'
        ? journal.committed(spec.key, previous.startedAt)
        : journal.unknown(spec.key, previous.startedAt);
    const look = await lookOverWindow(ctx, spec, previous.startedAt).catch((e: unknown) => {
      restore();
      throw e;
    });
    if (look.found !== undefined) {
      journal.created(spec.key, look.found);
      await record('created_after_all', spec.describe(look.found));
      return { kind: 'created_after_all', value: look.found, unreadable: previous.state === 'committed' };
    }
    if (previous.state === 'committed' || look.error) {
      restore();
      if (previous.state === 'committed') {
        await record('created_unseen');
        throw createdUnseen(spec, undefined);
      }
      await record('unknown', { error: 'check_failed' });
      throw outcomeUnknown(spec, undefined, look.error, look.seconds);
    }
  }

  try {
    await spec.precheck?.();
    if (spec.confirm) {
      const answer = await spec.confirm();
      if (answer !== 'accept') {
        journal.forget(spec.key);
        // The audit names what the result says: declined, or the confirmation dismissed (cancelled).
        await record(answer === 'cancel' ? 'cancelled' : 'declined', {
          error: answer === 'cancel' ? 'confirmation_dismissed' : undefined,
        });
        return answer === 'cancel' ? { kind: 'cancelled' } : { kind: 'declined' };
      }
    }
  } catch (error) {
    journal.forget(spec.key);
    // Refused before anything was sent (no valid confirmation, a failed check): an attempt all the same.
    await record('refused', { error: (error as { code?: string }).code ?? 'error' });
    throw error;
  }

  const startedAt = Date.now();
  try {
    const value = await spec.send();
    journal.created(spec.key, value);
    await record(wordsOf(spec).done, spec.describe(value));
    return { kind: 'created', value };
  } catch (error) {
    if (error instanceof CancelledError) {
      // The POST may be on the wire: remember, so an identical retry looks before it sends.
      journal.unknown(spec.key, startedAt);
      await record('cancelled', { error: error.code });
      throw error;
    }
    if (error instanceof NetworkError && error.notSent) {
      journal.forget(spec.key);
      await record(wordsOf(spec).notDone, { error: error.code });
      throw new WriteOutcomeError(
        'not_created',
        `${wordsOf(spec).wasNot}: ${error.message} Nothing was sent.`,
        'It is safe to try again once the connection works.',
        { endpoint: error.endpoint },
      );
    }
    if (!mayHaveGoneThrough(error)) {
      journal.forget(spec.key);
      await record('failed', { error: (error as PixiesetError).code ?? 'error' });
      throw error;
    }
    // Pixieset answered 2xx: it was created, whatever the body said. Find it to show it; never resend.
    const committed = error instanceof UnreadableSuccessError;
    // Sent, but the answer was lost or an error: Pixieset may have created it. Look (more than once: lists
    // lag behind writes, and a timed-out POST may still be committed), never resend.
    const look = await lookOverWindow(ctx, spec, startedAt).catch((e: unknown) => {
      if (committed) journal.committed(spec.key, startedAt);
      else journal.unknown(spec.key, startedAt);
      throw e;
    });
    if (look.found !== undefined) {
      journal.created(spec.key, look.found);
      await record(wordsOf(spec).foundAfterAll, spec.describe(look.found));
      return { kind: 'created_after_all', value: look.found, unreadable: committed };
    }
    if (committed) {
      journal.committed(spec.key, startedAt);
      await record('created_unseen', { error: error.code });
      throw createdUnseen(spec, error);
    }
    // Keep the attempt on record: should it still appear (a slow server), an identical retry looks first.
    journal.unknown(spec.key, startedAt);
    // Only a server that answered (5xx) and a final look that worked allow "not created"; a request that got
    // no answer at all may still be carried out after the looks.
    if (look.error || !(error instanceof UpstreamError)) {
      await record('unknown', { error: error.code });
      throw outcomeUnknown(spec, error, look.error, look.seconds);
    }
    await record(wordsOf(spec).notDone, { error: error.code });
    throw new WriteOutcomeError(
      'not_created',
      `${wordsOf(spec).doing} failed (${error.message}) and ${spec.checked} checked over ${look.seconds} s show ${wordsOf(spec).notThere}.`,
      `It is safe to try again. (If you retry with the same details, this server checks once more before sending.)`,
      { endpoint: error.endpoint, status: error.status },
    );
  }
}

// Looks for the write's object at each delay of the window; stops at the first sighting. `error` is set when
// the last look failed (so "not there" is not known).
async function lookOverWindow<T>(
  ctx: ToolContext,
  spec: WriteSpec<T>,
  since: number,
): Promise<{ found: T | undefined; error: string | undefined; seconds: number }> {
  const delays = ctx.lookDelaysMs ?? DEFAULT_LOOK_DELAYS_MS;
  const began = Date.now();
  let error: string | undefined;
  for (const delay of delays) {
    if (delay > 0) await sleep(delay, ctx.signal);
    try {
      const found = await spec.find(since);
      error = undefined;
      if (found !== undefined) return { found, error, seconds: elapsed(began) };
    } catch (readError) {
      if (readError instanceof CancelledError || ctx.signal.aborted) throw readError;
      error = readError instanceof Error ? readError.message : String(readError);
    }
  }
  return { found: undefined, error, seconds: elapsed(began) };
}

const elapsed = (since: number) => Math.round((Date.now() - since) / 100) / 10;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

function outcomeUnknown<T>(
  spec: WriteSpec<T>,
  cause: PixiesetError | undefined,
  readError: string | undefined,
  seconds: number,
): WriteOutcomeError {
  const w = wordsOf(spec);
  const why = readError
    ? `${w.whether} could not be checked (${readError})`
    : `it did not show up in ${spec.checked} checked over ${seconds} s, but Pixieset may still be finishing it`;
  return new WriteOutcomeError(
    'outcome_unknown',
    `${cause ? `${w.doing} failed (${cause.message}), and ` : `An earlier attempt at this ${spec.what} had an unknown outcome, and `}${why}. The outcome is unknown.`,
    spec.kind === 'update'
      ? `Check ${spec.whereToCheck}. Sending the same change again is safe: the same change twice gives the same result.`
      : `Check ${spec.whereToCheck} in a minute before ${w.again}. Retrying with the same details is safe: this server looks again before sending, so it is not ${w.past} twice.`,
    { endpoint: cause?.endpoint },
  );
}

function createdUnseen<T>(spec: WriteSpec<T>, cause: PixiesetError | undefined): WriteOutcomeError {
  const { past } = wordsOf(spec);
  return new WriteOutcomeError(
    'created_unseen',
    `Pixieset confirmed that the ${spec.what} was ${past}${cause ? ', but its answer could not be read' : ''}, and it does not show up in ${spec.checked} yet.`,
    `Do not ${spec.kind === 'send' ? 'send' : 'create'} it again: it ${spec.kind === 'send' ? 'went' : 'exists'}. Check ${spec.whereToCheck} in a minute to see it. (An identical call here looks for it instead of sending.)`,
    { endpoint: cause?.endpoint, status: cause?.status },
  );
}
