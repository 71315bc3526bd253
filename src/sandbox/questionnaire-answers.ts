// What clients answered in their completed questionnaires, as the docs show it (`responses[]{field_name,
// field_label, response}`), with every kind of field: text, long text (lines), a date, a single choice, several
// choices (a list), a number (a JSON number), one left blank, and one without a label (the docs do not say one
// is always there). Made from each questionnaire's id, so it never changes the rest of the studio.
import { rng } from './random.js';
import type { SandboxQuestionnaire } from './records.js';
import type { Studio } from './studio.js';

export interface SandboxResponse {
  field_name: string;
  field_label?: string;
  response: string | number | string[] | null;
}

const VENUES = ['Grand Ballroom Hotel', 'The Old Mill', 'Ocean Beach', 'City Hall'];
const STYLES = ['Candid', 'Posed family groups', 'Black and white', 'Drone shots'];

const seedOf = (id: string) =>
  [...id].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16_777_619), 2_166_136_261);

function answersOf(studio: Studio, q: SandboxQuestionnaire): SandboxResponse[] {
  const rand = rng(seedOf(q.id));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const client = studio.clients.find((c) => c.id === q.client_id);
  const day = new Date(Date.parse(q.created_at) + Math.floor(30 + rand() * 300) * 86_400_000);
  return [
    {
      field_name: 'full_names',
      field_label: 'Your names',
      response: `${client?.first_name ?? 'Sam'} & partner`,
    },
    { field_name: 'event_date', field_label: 'Date of the event', response: day.toISOString().slice(0, 10) },
    { field_name: 'venue', field_label: 'Venue', response: pick(VENUES) },
    { field_name: 'guest_count', field_label: 'How many guests?', response: 40 + Math.floor(rand() * 160) },
    {
      field_name: 'styles',
      field_label: 'Which styles would you like?',
      // At least two choices, so the answer is a list.
      response: STYLES.filter((_, i) => i < 2 || rand() < 0.5),
    },
    {
      field_name: 'story',
      field_label: 'Tell us about your day',
      response: `We met at university.\nThe ceremony starts at ${2 + Math.floor(rand() * 3)} pm; the first dance is at 8.\n\nPlease catch grandma's speech!`,
    },
    { field_name: 'allergies', field_label: 'Anything we should know?', response: null },
    { field_name: 'instagram_handle', response: `@${(client?.last_name ?? 'studio').toLowerCase()}_wedding` },
  ];
}

// The answers of a completed questionnaire (none for the others), made once per studio.
export function responsesOf(studio: Studio, q: SandboxQuestionnaire): SandboxResponse[] {
  if (q.status !== 'completed') return [];
  const all = studio.area('questionnaire answers', () => new Map<string, SandboxResponse[]>());
  let answers = all.get(q.id);
  if (!answers) {
    answers = answersOf(studio, q);
    all.set(q.id, answers);
  }
  return answers;
}
