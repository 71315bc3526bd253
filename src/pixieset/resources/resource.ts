import type { IdCheck } from '../ids.js';
import type { JsonClient } from '../json-client.js';

// What every resource class is built with: the JSON client of its host (Studio's, or the Gallery API's when
// the class says `static host = 'gallery'`) and how ids are checked. pixieset/api.ts builds one of each.
export abstract class Resource {
  constructor(
    protected readonly http: JsonClient,
    protected readonly idCheck: IdCheck,
  ) {}
}
