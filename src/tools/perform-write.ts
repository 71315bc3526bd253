import type { AuditEntry } from '../audit.js';
import {
  CancelledError,
  NetworkError,
  NotCreatedError,
  OutcomeUnknownError,
  type PixiesetError,
  TimeoutError,
  UnexpectedResponseError,
  UpstreamError,
} from '../pixieset/errors.js';
import type { ToolContext } from './define.js';

export interface WriteSpec<T> {
  tool: string;
  // writeKey(tool, args): identical calls share it.
  key: string;
  allowDuplicate: boolean;
  // Audit fields besides tool and outcome.
  audit: Omit<AuditEntry, 'tool' | 'outcome'>;
  // "invoice", "client": for messages.
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
  // Reads Pixieset for the object this write would have made, created at or after `since` (epoch ms).
  find: (since: number) => Promise<T | undefined>;
  // Audit fields of the result.
  describe: (value: T) => { id: string | null; invoice_number?: string | null };
}

export type WriteOutcome<T> =
  | { kind: 'created' | 'deduplicated' | 'created_after_all'; value: T }
  | { kind: 'declined' }
  | { kind: 'cancelled' };

// True when a failed POST may still have been carried out by Pixieset: no answer, a server error, or a
// success answer (2xx) whose body could not be read.
function ambiguous(error: unknown): error is PixiesetError {
  if (error instanceof TimeoutError || error instanceof UnexpectedResponseError) return true;
  if (error instanceof NetworkError) return !error.notSent;
  return error instanceof UpstreamError && (error.status ?? 0) >= 500;
}

// Every create goes through here: duplicate guard, confirmation, one POST, and an honest answer when it fails in transit.
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

async function claimedWrite<T>(
  ctx: ToolContext,
  spec: WriteSpec<T>,
  previous: { state: 'unknown'; startedAt: number } | undefined,
  record: (o: AuditEntry['outcome'], extra?: Partial<AuditEntry>) => Promise<void>,
): Promise<WriteOutcome<T>> {
  const { journal } = ctx;
  if (previous?.state === 'unknown') {
    // An earlier identical attempt may have gone through: look before sending again.
    const found = await lookOrThrow(spec, previous.startedAt, undefined, record).catch((e: unknown) => {
      journal.unknown(spec.key, previous.startedAt);
      throw e;
    });
    if (found !== undefined) {
      journal.created(spec.key, found);
      await record('created_after_all', spec.describe(found));
      return { kind: 'created_after_all', value: found };
    }
  }

  try {
    await spec.precheck?.();
    if (spec.confirm) {
      const answer = await spec.confirm();
      if (answer !== 'accept') {
        journal.forget(spec.key);
        await record('declined');
        return answer === 'cancel' ? { kind: 'cancelled' } : { kind: 'declined' };
      }
    }
  } catch (error) {
    journal.forget(spec.key);
    throw error;
  }

  const startedAt = Date.now();
  try {
    const value = await spec.send();
    journal.created(spec.key, value);
    await record('created', spec.describe(value));
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
      await record('not_created', { error: error.code });
      throw new NotCreatedError(
        `The ${spec.what} was not created: ${error.message} Nothing was sent.`,
        'It is safe to try again once the connection works.',
        { endpoint: error.endpoint },
      );
    }
    if (!ambiguous(error)) {
      journal.forget(spec.key);
      await record('failed', { error: (error as PixiesetError).code ?? 'error' });
      throw error;
    }
    // Sent, but the answer was lost or an error: Pixieset may have created it. Look, never resend.
    const found = await lookOrThrow(spec, startedAt, error, record).catch((e: unknown) => {
      journal.unknown(spec.key, startedAt);
      throw e;
    });
    if (found !== undefined) {
      journal.created(spec.key, found);
      await record('created_after_all', spec.describe(found));
      return { kind: 'created_after_all', value: found };
    }
    // Keep the attempt on record: should it still appear (a slow server), an identical retry looks first.
    journal.unknown(spec.key, startedAt);
    await record('not_created', { error: error.code });
    throw new NotCreatedError(
      `Creating the ${spec.what} failed (${error.message}) and a check of ${spec.checked} shows it was not created.`,
      `It is safe to try again. (If you retry with the same details, this server checks once more before sending.)`,
      { endpoint: error.endpoint, status: error.status },
    );
  }
}

// Runs the reconciliation read; when it cannot be done, the outcome is unknown and the call says so.
async function lookOrThrow<T>(
  spec: WriteSpec<T>,
  since: number,
  cause: PixiesetError | undefined,
  record: (o: AuditEntry['outcome'], extra?: Partial<AuditEntry>) => Promise<void>,
): Promise<T | undefined> {
  try {
    return await spec.find(since);
  } catch (readError) {
    const why = readError instanceof Error ? readError.message : String(readError);
    await record('unknown', { error: cause?.code ?? 'check_failed' });
    throw new OutcomeUnknownError(
      `${cause ? `Creating the ${spec.what} failed (${cause.message}), and ` : `An earlier attempt at this ${spec.what} had an unknown outcome, and `}whether it was created could not be checked (${why}). The outcome is unknown.`,
      `Check ${spec.whereToCheck} before retrying, so the ${spec.what} is not created twice.`,
      { endpoint: cause?.endpoint },
    );
  }
}
