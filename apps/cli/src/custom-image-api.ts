// The custom image routes of the REST API (`/api/v1/custom-images`, admins only) as `colo image`
// reads them: their answers' shapes and one call per route, over ColoClient's transport.
import { z } from 'zod';
import type { ColoClient } from './api-client';

export const customImageSchema = z.looseObject({
  reference: z.string(),
  note: z.string().default(''),
  allowedBy: z.string().default(''),
  createdAt: z.string().nullish(),
});
export type CustomImage = z.infer<typeof customImageSchema>;

const listSchema = z.looseObject({ images: z.array(customImageSchema) });
const allowedSchema = z.looseObject({ image: customImageSchema });
const disallowedSchema = z.looseObject({ reference: z.string() });

export const customImageApi = {
  list: (c: ColoClient) => c.call('GET', '/custom-images', listSchema),
  allow: (c: ColoClient, body: { image: string; note?: string }) => c.call('POST', '/custom-images', allowedSchema, { body }),
  disallow: (c: ColoClient, image: string) => c.call('DELETE', '/custom-images', disallowedSchema, { query: { image } }),
};
