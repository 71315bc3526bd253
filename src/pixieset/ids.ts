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
} as const;

export type IdPrefix = keyof typeof ID_PREFIXES;
export type IdType = (typeof ID_PREFIXES)[IdPrefix];
export type IdCheck = 'strict' | 'lenient';

// The four formats the guide documents exactly (prefix + 30 alphanumerics); the others are known by prefix only.
const DOCUMENTED: ReadonlySet<IdPrefix> = new Set(['cl', 'in', 'ip', 'co']);

export interface IdVerdict {
  valid: boolean;
  type: IdType | undefined;
  reason: string | undefined;
}

const prefixOf = (id: string): IdPrefix | undefined => {
  const m = /^([a-z]{2,3})_/.exec(id);
  return m?.[1] && m[1] in ID_PREFIXES ? (m[1] as IdPrefix) : undefined;
};

// "a client", "an invoice".
const a = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

const shown = (id: string) => JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);

// Describes what a valid id of a type looks like, for error messages.
export function idShape(type: IdType, mode: IdCheck): string {
  const prefix = (Object.keys(ID_PREFIXES) as IdPrefix[]).find((p) => ID_PREFIXES[p] === type) ?? '';
  const body = mode === 'strict' && DOCUMENTED.has(prefix as IdPrefix) ? '30' : '8 to 64';
  return `${prefix}_ followed by ${body} letters and digits`;
}

// Checks an id's format with no request: the prefix names the type; the body must be plain letters and digits.
export function checkId(id: string, mode: IdCheck, expected?: IdType): IdVerdict {
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
  const strict = mode === 'strict' && DOCUMENTED.has(prefix);
  const ok = strict ? /^[A-Za-z0-9]{30}$/.test(body) : /^[A-Za-z0-9]{8,64}$/.test(body);
  if (!ok) {
    return {
      valid: false,
      type,
      reason: `${shown(id)} is not a valid ${type.replace(/_/g, ' ')} id: it should be ${idShape(type, mode)}.`,
    };
  }
  return { valid: true, type, reason: undefined };
}

// Returns the id if it is a valid id of the expected type; otherwise throws InvalidIdError before any request.
export function requireId(id: string, expected: IdType, mode: IdCheck): string {
  const trimmed = id.trim();
  const verdict = checkId(trimmed, mode, expected);
  if (verdict.valid) return trimmed;
  throw new InvalidIdError(expected, verdict.reason ?? '', mode, idShape(expected, mode));
}
