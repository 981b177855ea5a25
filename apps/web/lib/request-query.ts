// Query strings checked with the contract's schemas (@colo/api): one refusal message per route,
// so a caller reads what the parameters may be rather than zod's wording.
import { ColoError } from '@colo/control';
import type { z } from 'zod';

export function readQuery<S extends z.ZodType>(req: Request, schema: S, refusal: string): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new ColoError('bad_request', refusal);
  return parsed.data;
}
