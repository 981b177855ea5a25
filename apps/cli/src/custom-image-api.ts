// The custom image routes of the REST API (`/api/v1/custom-images`, admins only) as `colo image`
// calls them, their answers read with the contract's schemas (@colo/api).
import { customImageAnswerSchema, customImageRemovedSchema, customImagesSchema } from '@colo/api';
import type { ColoClient } from './api-client';

export const customImageApi = {
  list: (c: ColoClient) => c.call('GET', '/custom-images', customImagesSchema),
  allow: (c: ColoClient, body: { image: string; note?: string }) => c.call('POST', '/custom-images', customImageAnswerSchema, { body }),
  disallow: (c: ColoClient, image: string) => c.call('DELETE', '/custom-images', customImageRemovedSchema, { query: { image } }),
};
