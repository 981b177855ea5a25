import { buildOpenApiDocument, type OpenApiDocument } from '@colo/api';
import { json, route } from '../../../lib/http';

export const dynamic = 'force-dynamic';

let document: OpenApiDocument | undefined;

/** The REST API as an OpenAPI 3.1 document, made from the contract (@colo/api); signed in like every route. */
export const GET = route(async () => {
  document ??= buildOpenApiDocument();
  return json(document);
});
