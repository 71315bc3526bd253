import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PixiesetApi } from '../pixieset/api.js';
import type { IdType } from '../pixieset/ids.js';
import type { Toolset } from '../server-identity.js';
import type { InFlightCalls } from './in-flight.js';
import type { Audit } from './writes/audit.js';
import type { ConfirmationTokens } from './writes/confirmation-tokens.js';
import type { WriteJournal } from './writes/write-journal.js';

// Reports progress to the caller when it sent a progress token; a no-op otherwise.
export type Progress = (done: number, total: number | undefined, message?: string) => void;

// What the server's parts share: the one name for the API client and everything a call may use. Built once
// per process (server-deps.ts) and handed to createServer; every HTTP session shares it.
export interface Deps {
  pixieset: PixiesetApi;
  config: Config;
  logger: Logger;
  journal: WriteJournal;
  audit: Audit;
  // Confirmation tokens for hosts that cannot ask the user.
  tokens: ConfirmationTokens;
  // Calls under way, for a clean shutdown.
  inFlight?: InFlightCalls | undefined;
  // When a failed write's reconciliation looks (ms between looks); tests shorten it.
  lookDelaysMs?: number[] | undefined;
}

// What a handler gets besides its arguments: the shared parts, the call's cancellation signal (its deadline
// included), progress reporting and, where the host can ask the user, a confirmation.
export interface ToolContext extends Deps {
  signal: AbortSignal;
  progress: Progress;
  // Asks the human to confirm (MCP elicitation); undefined when the host cannot ask.
  confirm: ((message: string) => Promise<'accept' | 'decline' | 'cancel'>) | undefined;
}

// A resource a host can open without another call, as a resource_link content item.
export interface ResourceLink {
  type: 'resource_link';
  uri: string;
  name: string;
  mimeType: string;
}

// A handler's answer: the structured content (validated against outputSchema) and a short text for people and models.
export interface ToolAnswer<O> {
  structured: O;
  text: string;
  // Resources a host can open without another call (the top rows of a list), as resource_link items.
  links?: ResourceLink[];
}

export type RequiredAnnotations = Required<
  Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'>
>;

// One tool as plain data that declares everything about itself. A tool file under src/tools/<area>/ is found
// by `npm run generate` (tools.gen.ts); ALL_TOOLS (index.ts) orders them, one loop registers them, and every
// other list (toolsets, the manifest, the contract tests, the drift catalog's tool names, where an error sends
// the assistant for an id) is derived from theirs.
export interface ToolDef<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  // The toolset it belongs to (PIXIESET_TOOLSETS); 'always' for one offered in every selection.
  toolset: Toolset | 'always';
  // Every request template it may send ("GET /clients/{client_id}"): the drift catalog names the tools an
  // endpoint serves from these, and a test checks that a call sends nothing else.
  endpoints: readonly string[];
  // The kinds of id its answer gives ('client' for a tool that lists clients): an error about a bad or unknown
  // id of that kind tells the assistant to take one from this tool.
  gives?: readonly (IdType | 'gallery' | 'template')[];
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: RequiredAnnotations;
  // An interactive view of its result for hosts with the MCP Apps extension (src/views/<view>.ts).
  view?: 'receivables' | 'revenue' | 'invoice';
  handler(args: z.output<I>, ctx: ToolContext): Promise<ToolAnswer<z.output<O>>>;
}

// Identity with inference: keeps each tool file's handler typed from its own schemas.
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(def: ToolDef<I, O>): ToolDef<I, O> {
  return def;
}

export const READ: RequiredAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

export const CREATE: RequiredAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

// Changes something that exists (overwrites data): the same call twice leaves the same state.
export const UPDATE: RequiredAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
