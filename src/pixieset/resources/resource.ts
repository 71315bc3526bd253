import type { z } from 'zod';
import { parsePage } from '../envelope.js';
import type { IdCheck } from '../ids.js';
import type { JsonClient } from '../json-client.js';
import { type AllRows, type ProgressOption, readAllPages } from '../paginate.js';
import type { CallOptions, RequestOptions } from '../request.js';

// What every resource class is built with: the JSON client of its host (Studio's, or the Gallery API's when
// the class says `static host = 'gallery'`) and how ids are checked. pixieset/api.ts builds one of each.
export abstract class Resource {
  constructor(
    protected readonly http: JsonClient,
    protected readonly idCheck: IdCheck,
  ) {}

  // Every row of a paged list at `template`, each once: `page` and `per_page` join the request's own query, and
  // each page is read with `schema`.
  protected allRows<S extends z.ZodType<{ id: string }>>(
    template: string,
    schema: S,
    r: Pick<RequestOptions, 'params' | 'query' | 'area'>,
    o: CallOptions & ProgressOption = {},
  ): Promise<AllRows<z.output<S>>> {
    return readAllPages(
      (page, perPage, c) =>
        this.http.json(template, { ...c, ...r, query: { ...r.query, page, per_page: perPage } }, (b) =>
          parsePage(schema, b, template),
        ),
      o,
    );
  }
}
