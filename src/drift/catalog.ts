import type { EndpointSpec } from '../pixieset/endpoint-spec.js';
import { PROBES, UNPROBED, WRITES } from '../pixieset/resources/resources.gen.js';
import { ALL_TOOLS } from '../tools/index.js';

export type { EndpointSpec, Expect } from '../pixieset/endpoint-spec.js';

// Every endpoint the server reads, and what it reads from each: the expectations a drift report compares live
// answers (or a HAR) with. Each resource module declares its own (PROBES, next to its requests); the tools an
// endpoint serves come from each tool's own `endpoints`. A test fails when a request template of a resource
// module is neither here nor in WRITES.
export const CATALOG: readonly EndpointSpec[] = PROBES;

// The writes the server sends: never probed (the probe only reads), listed so that the catalog test knows them.
// Reads no probe can make (a path that needs a date, say): named so that the catalog test knows them.
export { UNPROBED, WRITES };

// The tools that send a request to an endpoint, from their own declarations.
export const toolsOf = (template: string): string[] =>
  ALL_TOOLS.filter((t) => t.endpoints.includes(template)).map((t) => t.name);

// The tools that read the shape an endpoint answers with: those of every endpoint that answers with the same
// fields (a client from the list, the search or alone), since a field renamed in one of them breaks them all.
export function readersOf(template: string): string[] {
  const fields = CATALOG.find((s) => s.template === template)?.fields;
  const family = new Set(CATALOG.filter((s) => s.fields === fields).map((s) => s.template));
  return ALL_TOOLS.filter((t) => t.endpoints.some((e) => family.has(e))).map((t) => t.name);
}
