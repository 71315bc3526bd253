// The studio's offerings (docs/studio-api/sessions.md, graded D+): session types with a price, a deposit
// (payment_amount_partial) when one is taken, a duration in minutes and notice rules. Two currencies (one
// offering is sold in pounds) and one draft. Its own random stream, so it changes nothing else.
import { makeId, rng } from './random.js';
import type { Studio } from './studio.js';

export interface SandboxSessionType {
  id: string;
  name: string;
  status: 'published' | 'draft';
  duration: number;
  location: string | null;
  description: string;
  payment_amount_full: number;
  payment_amount_partial: number | null;
  currency: string;
  // The docs call it a boolean; their example sends 1.
  collect_payment: 0 | 1;
  minimum_notice_duration: number;
  maximum_notice_duration: number;
}

const OFFERINGS: Array<
  Omit<SandboxSessionType, 'id' | 'currency' | 'minimum_notice_duration' | 'maximum_notice_duration'> & {
    currency?: string;
  }
> = [
  {
    name: 'Wedding',
    status: 'published',
    duration: 480,
    location: 'On location',
    description: 'Full day wedding coverage',
    payment_amount_full: 350_000,
    payment_amount_partial: 100_000,
    collect_payment: 1,
  },
  {
    name: 'Engagement session',
    status: 'published',
    duration: 90,
    location: 'Golden Gate Park',
    description: 'A relaxed hour and a half outdoors',
    payment_amount_full: 45_000,
    payment_amount_partial: null,
    collect_payment: 1,
  },
  {
    name: 'Family portraits',
    status: 'published',
    duration: 60,
    location: 'The studio',
    description: 'Up to six people',
    payment_amount_full: 35_000,
    payment_amount_partial: 10_000,
    collect_payment: 1,
  },
  {
    name: 'Newborn session',
    status: 'published',
    duration: 180,
    location: 'The studio',
    description: 'Within the first two weeks',
    payment_amount_full: 60_000,
    payment_amount_partial: 15_000,
    collect_payment: 1,
  },
  {
    name: 'Headshots',
    status: 'published',
    duration: 30,
    location: 'London pop-up',
    description: 'Sold in pounds',
    payment_amount_full: 12_000,
    payment_amount_partial: null,
    collect_payment: 1,
    currency: 'gbp',
  },
  {
    name: 'Family mini',
    status: 'draft',
    duration: 20,
    location: null,
    description: 'Autumn minis (not on sale yet)',
    payment_amount_full: 15_001,
    payment_amount_partial: 5_000,
    collect_payment: 0,
  },
];

export function seedSessionTypes(studio: Studio): SandboxSessionType[] {
  const rand = rng(studio.seed.seed ^ 0x5e55);
  const currency = studio.invoices[0]?.currency ?? 'usd';
  return OFFERINGS.map((o) => ({
    ...o,
    id: makeId('set', rand),
    currency: o.currency ?? currency,
    minimum_notice_duration: 2,
    maximum_notice_duration: 365,
  }));
}

export const sessionTypesOf = (studio: Studio): SandboxSessionType[] =>
  studio.area('session types', seedSessionTypes);

// When the studio works: Monday to Saturday, 09:00–17:00 UTC; a start every 30 minutes whose whole session fits
// and overlaps no booked (not cancelled) session of any kind; nothing sooner than the minimum notice.
const OPEN_HOUR = 9;
const CLOSE_HOUR = 17;
const STEP_MIN = 30;

// The free starts (epoch ms) of one UTC calendar day for an offering.
export function freeStarts(studio: Studio, type: SandboxSessionType, day: string): number[] {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(dayStart) || new Date(dayStart).getUTCDay() === 0) return [];
  const earliest = Date.parse(`${studio.seed.today}T00:00:00Z`) + type.minimum_notice_duration * 86_400_000;
  const latest = Date.parse(`${studio.seed.today}T00:00:00Z`) + type.maximum_notice_duration * 86_400_000;
  const booked = studio.sessions
    .filter((s) => s.status !== 'cancelled' && s.start.startsWith(day))
    .map((s) => [Date.parse(s.start), Date.parse(s.end)] as const);
  const out: number[] = [];
  for (
    let t = dayStart + OPEN_HOUR * 3_600_000;
    t + type.duration * 60_000 <= dayStart + CLOSE_HOUR * 3_600_000;
    t += STEP_MIN * 60_000
  ) {
    const end = t + type.duration * 60_000;
    if (t < earliest || t > latest) continue;
    if (booked.some(([b, e]) => t < e && b < end)) continue;
    out.push(t);
  }
  return out;
}
