import { z } from 'zod';
import { checkId, ID_PREFIXES, type IdType } from '../../pixieset/ids.js';
import { defineTool } from '../define.js';

const TYPES = Object.values(ID_PREFIXES) as [IdType, ...IdType[]];

export const validateId = defineTool({
  name: 'validate_id',
  title: 'Check an id',
  description:
    'Checks whether a string is a well-formed Pixieset id and which kind (cl_ client, in_ invoice, ip_ payment, co_ contract, and the other known prefixes), without contacting Pixieset. It cannot tell whether the object exists.',
  inputSchema: z.object({
    id: z.string().max(500).describe('The id to check, e.g. cl_… or in_…'),
    type: z.enum(TYPES).optional().describe('The kind of id expected, e.g. client or invoice'),
  }),
  outputSchema: z.object({
    valid: z.boolean(),
    type: z
      .string()
      .nullable()
      .describe('The kind the prefix names, e.g. client, invoice, payment, contract'),
    reason: z.string().optional().describe('Why it is not valid'),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ id, type }, { config }) {
    const v = checkId(id.trim(), config.idCheck, type);
    return {
      structured: { valid: v.valid, type: v.type ?? null, ...(v.reason ? { reason: v.reason } : {}) },
      text: v.valid ? `Valid ${v.type?.replace(/_/g, ' ')} id.` : `Not valid: ${v.reason}`,
    };
  },
});
