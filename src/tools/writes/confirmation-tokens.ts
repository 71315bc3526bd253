import { randomBytes } from 'node:crypto';
import { ToolError } from '../tool-error.js';

// A confirmation that holds on hosts without elicitation: a dry run of a write that sends something to a
// client returns a token bound to exactly that write; the real call must bring it back. Single use, for
// 15 minutes. Only the server knows which write a token stands for.

export type TokenVerdict = 'ok' | 'missing' | 'unknown' | 'expired' | 'used' | 'mismatch';

export class ConfirmationTokens {
  private readonly tokens = new Map<string, { key: string; expires: number; used: boolean }>();

  constructor(
    readonly ttlMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  // A new token for the write described by `key` (its canonical arguments).
  issue(key: string): string {
    this.prune();
    const token = `ct_${randomBytes(12).toString('base64url')}`;
    this.tokens.set(token, { key, expires: this.now() + this.ttlMs, used: false });
    return token;
  }

  // Uses a token for the write `key`: 'ok' once, and only for that write, before it expires.
  take(token: string | undefined, key: string): TokenVerdict {
    if (!token) return 'missing';
    const t = this.tokens.get(token);
    if (!t) return 'unknown';
    if (t.used) return 'used';
    if (this.now() > t.expires) return 'expired';
    if (t.key !== key) return 'mismatch';
    t.used = true;
    return 'ok';
  }

  // Lets every token run out now (for tests of expiry through the wire).
  expireAll(): void {
    for (const t of this.tokens.values()) t.expires = Number.NEGATIVE_INFINITY;
  }

  private prune(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [k, t] of this.tokens) if (t.expires < cutoff) this.tokens.delete(k);
  }
}

type Answer = 'accept' | 'decline' | 'cancel';

// The yes a write that reaches a client needs: asked of the user by the host (elicitation) where it can, else
// proven by the token of a dry run of exactly this write (`key`). For WriteSpec.confirm.
export function userOrToken(
  ctx: { confirm: ((message: string) => Promise<Answer>) | undefined; tokens: ConfirmationTokens },
  o: {
    question: string;
    token: string | undefined;
    key: string;
    tool: string;
    mismatch: string;
    nothing: string;
  },
): () => Promise<Answer> {
  const ask = ctx.confirm;
  if (ask) return () => ask(o.question);
  return async () => {
    const verdict = ctx.tokens.take(o.token, o.key);
    if (verdict !== 'ok') throw confirmationNeeded(verdict, o);
    return 'accept';
  };
}

// Why a write that reaches a client was not sent without the host asking the user, and how to get their yes.
export function confirmationNeeded(
  verdict: TokenVerdict,
  o: { tool: string; mismatch: string; nothing: string },
): ToolError {
  const why = {
    missing: 'This host cannot ask the user to confirm, and no confirmation_token was given',
    unknown: 'The confirmation_token is not one this server gave',
    expired: 'The confirmation_token has expired (they last 15 minutes)',
    used: 'The confirmation_token was already used (each is good once)',
    mismatch: `The confirmation_token was given for ${o.mismatch}`,
    ok: '',
  }[verdict];
  return new ToolError(
    'confirmation_required',
    `${why}, so ${o.nothing}.`,
    `Call ${o.tool} with the same details and dry_run: true, show the user the preview, and ask them. If they agree, call it again with the confirmation_token the dry run returned.`,
  );
}
