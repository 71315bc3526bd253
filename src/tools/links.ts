// The resource a list row can be opened as (see resources.ts), for resource_link items in list results.
export function resourceLink(
  kind: 'clients' | 'invoices' | 'contracts' | 'galleries',
  id: string,
  name: string,
) {
  return {
    type: 'resource_link' as const,
    uri: `pixieset://${kind}/${id}`,
    name,
    mimeType: 'application/json',
  };
}
