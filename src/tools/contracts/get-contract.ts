import { z } from 'zod';
import { calendarDate } from '../../pixieset/invoice-math.js';
import { defineTool, READ } from '../define.js';
import { orNull } from '../outputs/common.js';
import { contractOut, toContractOut } from '../outputs/records.js';
import { table } from '../render.js';

const signatureOut = z.object({
  signer_type: z.string().nullable(),
  signer_name: z.string().nullable(),
  signed_at: z.string().nullable(),
});

export const getContract = defineTool({
  name: 'get_contract',
  toolset: 'contracts',
  endpoints: ['GET /contracts/{contract_id}'],
  title: 'Get a contract',
  description:
    'One contract with its signatures and dates (not the contract text). Ids (co_…) from list_contracts.',
  inputSchema: z.object({
    contract_id: z.string().min(1).describe('Contract id (co_…), from list_contracts'),
  }),
  outputSchema: z.object({ contract: contractOut.extend({ signatures: z.array(signatureOut) }) }),
  annotations: READ,
  async handler({ contract_id }, { pixieset, signal }) {
    const raw = await pixieset.records.contract(contract_id, { signal });
    // Allow-listed: the contract's body (content) is never copied into a result.
    const signatures = (raw.signatures ?? []).map((s) => ({
      signer_type: orNull(s.signer_type),
      signer_name: orNull(s.signer_name ?? s.name),
      signed_at: orNull(calendarDate(s.signed_at)),
    }));
    const contract = { ...toContractOut(raw), signatures };
    const lines = [
      `Contract ${contract.contract_number ?? contract.id} (${contract.template_name ?? 'contract'}) for ${contract.client_name ?? contract.client_id ?? 'unknown client'} — ${contract.status ?? 'unknown status'}`,
      `Created ${contract.created_at ?? '—'} · sent ${contract.sent_date ?? '—'} · due ${contract.due_date ?? '—'} · signed ${contract.signed_date ?? '—'}`,
      signatures.length
        ? table(
            ['signer', 'name', 'signed'],
            signatures.map((s) => [s.signer_type, s.signer_name, s.signed_at]),
          )
        : 'No signatures yet.',
    ];
    return { structured: { contract }, text: lines.join('\n') };
  },
});
