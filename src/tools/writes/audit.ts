import { appendFile } from 'node:fs/promises';
import type { Logger } from '../../log.js';

// One write attempt, as the audit trail records it. Holds ids and amounts, never a cookie or token.
export interface AuditEntry {
  tool: string;
  client_id: string | undefined;
  outcome:
    | 'created'
    | 'deduplicated'
    | 'declined'
    | 'created_after_all'
    | 'created_unseen'
    | 'not_created'
    | 'unknown'
    | 'failed'
    | 'cancelled'
    | 'updated'
    | 'unchanged'
    // A message (send_message): sent, found in the thread after a failure, or known not sent.
    | 'sent'
    | 'sent_after_all'
    | 'not_sent'
    // Previewed only (dry_run): nothing was sent.
    | 'dry_run'
    // Stopped before anything was sent: a confirmation missing or not valid, a check that failed.
    | 'refused';
  total_minor?: number;
  currency?: string;
  send_email?: boolean;
  invoice_number?: string | null;
  // For updates: the fields changed (names only, never values).
  fields?: string[];
  id?: string | null;
  // For a message: its conversation and length (never its words).
  conversation_id?: string;
  chars?: number;
  error?: string;
}

// Records every write attempt: an info line on stderr, and a JSON line appended to PIXIESET_AUDIT_LOG when set.
export class Audit {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly logger: Logger,
    private readonly path: string | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: AuditEntry): Promise<void> {
    const line = { time: this.now().toISOString(), ...entry };
    this.logger.info(`audit: ${entry.tool} ${entry.outcome}`, line);
    const path = this.path;
    if (!path) return Promise.resolve();
    // Appends one at a time so lines never interleave; a failing file is reported, never fatal.
    this.queue = this.queue.then(() =>
      appendFile(path, `${JSON.stringify(line)}\n`, { mode: 0o600 }).catch((e: unknown) => {
        this.logger.warn(
          `Could not append to the audit log ${path} (PIXIESET_AUDIT_LOG): ${(e as Error).message}`,
        );
      }),
    );
    return this.queue;
  }

  // Resolves when every line so far is written (for shutdown and tests).
  flush(): Promise<void> {
    return this.queue;
  }
}
