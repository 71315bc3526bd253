// What the server reads from one endpoint: the expectations a drift report (`doctor --probe`, a HAR) compares
// live answers with. Each resource module declares the endpoints it reads next to the requests it sends
// (`PROBES`) and the writes it sends (`WRITES`, never probed); the drift catalog gathers them all.
// Kinds: 'id' (a string or a number), 'string', 'integer', 'boolean', 'date' (a date or timestamp string),
// 'object', 'array'.

export type Expect = 'id' | 'string' | 'integer' | 'boolean' | 'date' | 'object' | 'array';

export interface EndpointSpec {
  template: string;
  host: 'studio' | 'gallery';
  // Where the rows are (default ['data']).
  rowsAt?: string[];
  // A list's paging is expected in meta (or at the top level).
  list: boolean;
  query?: Record<string, string | number>;
  // For a detail endpoint: the list endpoint (and its row field) an id is taken from.
  idFrom?: { template: string; field: string; param: string; rowsAt?: string[] };
  // Fields read; `required` ones break every tool of the endpoint when missing.
  fields: Record<string, { kind: Expect; required?: boolean }>;
  // Every other field the server's schema knows (any field beyond these is extra, and harmless).
  known: readonly string[];
  // Lists whose paging is read (default: every list).
  paged?: boolean;
  // Read by doctor's own session check rather than by a tool.
  checkedByDoctor?: boolean;
}

// The field names a schema knows.
export const keysOf = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape);
