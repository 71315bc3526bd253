import { z } from 'zod';
import { boolArg } from '../args.js';

// What every create tool shares: its dry_run/allow_duplicate arguments, its outcome fields, and the sentence
// it ends with for each outcome.

export const writeOutcome = z.enum([
  'created',
  'deduplicated',
  'created_after_all',
  'declined',
  'cancelled',
  'dry_run',
]);
export type WriteOutcomeKind = z.output<typeof writeOutcome>;

// The arguments every create tool takes besides its own.
export const writeArgs = {
  dry_run: boolArg().default(false).describe('true: preview only, sends nothing'),
  allow_duplicate: boolArg().default(false).describe('true: create even if an identical one was just made'),
};

// The result fields every create tool shares.
export const writeResultOut = {
  created: z.boolean(),
  dry_run: z.boolean(),
  outcome: writeOutcome,
  deduplicated: z.boolean(),
};

// Those fields for an outcome.
export function writeFields(kind: WriteOutcomeKind) {
  return {
    created: kind === 'created' || kind === 'deduplicated' || kind === 'created_after_all',
    dry_run: kind === 'dry_run',
    outcome: kind,
    deduplicated: kind === 'deduplicated',
  };
}

// The sentence a write tool ends with, for each outcome.
export function writeOutcomeText(
  kind: WriteOutcomeKind,
  what: string,
  subject: string,
  // created_after_all: Pixieset said 2xx but its answer could not be read (rather than a failure in transit).
  unreadable = false,
): string {
  switch (kind) {
    case 'created':
      return `Created ${subject}.`;
    case 'deduplicated':
      return `Already done: an identical request in the last 10 minutes created ${subject}. Nothing new was sent. To create a second, identical ${what} on purpose, call again with allow_duplicate: true.`;
    case 'created_after_all':
      return unreadable
        ? `Created, but Pixieset's answer could not be read; a check found it: ${subject}. Do not retry.`
        : `The request failed in transit, but the ${what} was created after all: ${subject}. Do not retry.`;
    case 'declined':
      return `The user did not confirm: nothing was sent to Pixieset. Do not retry unless the user asks again.`;
    case 'cancelled':
      return `The user dismissed the confirmation: nothing was sent to Pixieset. Do not retry unless the user asks again.`;
    case 'dry_run':
      return `Dry run — nothing sent. Would create ${subject}.`;
  }
}
