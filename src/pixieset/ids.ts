import { InvalidIdError } from './errors.js';

// Every id prefix known from pixieset-api.md, and the resource it names.
export const ID_PREFIXES = {
  cl: 'client',
  in: 'invoice',
  ip: 'payment',
  co: 'contract',
  ii: 'invoice_line_item',
  ct: 'contract_template',
  qu: 'questionnaire',
  qt: 'questionnaire_template',
  qo: 'quote',
  qp: 'quote_template',
  set: 'session_type',
  ses: 'session',
  sch: 'schedule',
  et: 'email_template',
  itp: 'invoice_template',
  gc: 'gift_card',
  cou: 'coupon',
  conv: 'conversation',
  msg: 'message',
} as const;

export type IdPrefix = keyof typeof ID_PREFIXES;
export type IdType = (typeof ID_PREFIXES)[IdPrefix];
export type IdMode = 'strict' | 'lenient' | 'auto';

// How ids are checked in this process. 'auto' accepts the documented form (prefix + 30 letters and digits)
// and, once Pixieset itself has answered with ids of another length for a prefix, that length too — so an
// id the API gave is never refused.
export class IdPolicy {
  private readonly seen = new Set<string>();
  constructor(readonly mode: IdMode) {}

  // True when an id of this prefix and body length was seen in an answer (auto), or any length goes (lenient).
  allows(prefix: string, length: number): boolean {
    return this.mode === 'lenient' || (this.mode === 'auto' && this.seen.has(`${prefix}:${length}`));
  }

  // Notes the shapes of the ids in an answer from Pixieset (auto mode only; at most a few hundred shapes).
  learn(text: string): void {
    if (this.mode !== 'auto' || this.seen.size > 500) return;
    for (const m of text.matchAll(ID_IN_TEXT)) {
      const [prefix = '', body = ''] = [m[1], m[2]];
      if (prefix in ID_PREFIXES) this.seen.add(`${prefix}:${body.length}`);
    }
  }
}

// An id inside a JSON answer: "cl_…" (a prefix of 2 to 4 letters) with 8 to 64 letters and digits.
const ID_IN_TEXT = /"([a-z]{2,4})_([A-Za-z0-9]{8,64})"/g;

export type IdCheck = IdMode | IdPolicy;
const modeOf = (c: IdCheck): IdMode => (typeof c === 'string' ? c : c.mode);

// The four formats the guide documents exactly (prefix + 30 alphanumerics); the others are known by prefix only.
const DOCUMENTED: ReadonlySet<IdPrefix> = new Set(['cl', 'in', 'ip', 'co']);

export interface IdVerdict {
  valid: boolean;
  type: IdType | undefined;
  reason: string | undefined;
}

const prefixOf = (id: string): IdPrefix | undefined => {
  const m = /^([a-z]{2,4})_/.exec(id);
  return m?.[1] && m[1] in ID_PREFIXES ? (m[1] as IdPrefix) : undefined;
};

// "a client", "an invoice".
const a = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

const shown = (id: string) => JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);

// Describes what a valid id of a type looks like, for error messages.
export function idShape(type: IdType, check: IdCheck): string {
  const prefix = (Object.keys(ID_PREFIXES) as IdPrefix[]).find((p) => ID_PREFIXES[p] === type) ?? '';
  const body = modeOf(check) !== 'lenient' && DOCUMENTED.has(prefix as IdPrefix) ? '30' : '8 to 64';
  return `${prefix}_ followed by ${body} letters and digits`;
}

// Checks an id's format with no request: the prefix names the type; the body must be plain letters and digits.
export function checkId(id: string, check: IdCheck, expected?: IdType): IdVerdict {
  const mode = modeOf(check);
  const prefix = prefixOf(id);
  if (!prefix) {
    return {
      valid: false,
      type: undefined,
      reason: `${shown(id)} does not start with a known prefix (${Object.keys(ID_PREFIXES)
        .map((p) => `${p}_`)
        .join(', ')}).`,
    };
  }
  const type = ID_PREFIXES[prefix];
  if (expected && type !== expected) {
    return {
      valid: false,
      type,
      reason: `${shown(id)} is ${a(type.replace(/_/g, ' '))} id, not ${a(expected.replace(/_/g, ' '))} id.`,
    };
  }
  const body = id.slice(prefix.length + 1);
  const documented = mode !== 'lenient' && DOCUMENTED.has(prefix);
  const plain = /^[A-Za-z0-9]{8,64}$/.test(body);
  const ok = documented
    ? /^[A-Za-z0-9]{30}$/.test(body) ||
      (plain && typeof check !== 'string' && check.allows(prefix, body.length))
    : plain;
  if (!ok) {
    return {
      valid: false,
      type,
      reason: `${shown(id)} is not a valid ${type.replace(/_/g, ' ')} id: it should be ${idShape(type, check)}.`,
    };
  }
  return { valid: true, type, reason: undefined };
}

// Returns the id if it is a valid id of the expected type; otherwise throws InvalidIdError before any request.
export function requireId(id: string, expected: IdType, check: IdCheck): string {
  const trimmed = id.trim();
  const verdict = checkId(trimmed, check, expected);
  if (verdict.valid) return trimmed;
  throw new InvalidIdError(expected, verdict.reason ?? '', modeOf(check), idShape(expected, check));
}
