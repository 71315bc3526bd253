import { z } from 'zod';
import { checkId, ID_PREFIXES, type IdType } from '../../pixieset/ids.js';
import { defineTool } from '../define.js';

const TYPES = Object.values(ID_PREFIXES) as [IdType, ...IdType[]];

export const validateId = defineTool({
  name: 'validate_id',
  toolset: 'always',
  endpoints: [],
  title: 'Check an id',
  description:
    "Checks an id's format and kind (cl_ client, in_ invoice, ip_ payment, co_ contract, …) without contacting Pixieset; it cannot tell whether the object exists.",
  inputSchema: z.object({
    id: z.string().max(500).describe('The id, e.g. cl_…'),
    type: z.enum(TYPES).optional().describe('The kind expected'),
  }),
  outputSchema: z.object({
    valid: z.boolean(),
    type: z.string().nullable(),
    reason: z.string().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ id, type }, { pixieset }) {
    const v = checkId(id.trim(), pixieset.ids, type);
    return {
      structured: { valid: v.valid, type: v.type ?? null, ...(v.reason ? { reason: v.reason } : {}) },
      text: v.valid ? `Valid ${v.type?.replace(/_/g, ' ')} id.` : `Not valid: ${v.reason}`,
    };
  },
});
