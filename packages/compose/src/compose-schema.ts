// The part of the Compose Specification an import reads. Objects are loose: keys this file does
// not name are reported by the mapper (carried-over.ts), not refused here.
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const environmentSchema = z.union([z.array(z.string().max(65536)).max(1000), z.record(z.string(), scalar)]);

export const portLongSchema = z.looseObject({
  target: z.union([z.number().int(), z.string()]),
  published: z.union([z.number().int(), z.string()]).optional(),
  host_ip: z.string().optional(),
  protocol: z.string().optional(),
});

export const volumeLongSchema = z.looseObject({
  type: z.string().optional(),
  source: z.string().optional(),
  target: z.string(),
  read_only: z.boolean().optional(),
});

const quantity = z.union([z.string().max(50), z.number()]);

export const serviceSchema = z.looseObject({
  image: z.string().min(1).max(500).optional(),
  environment: environmentSchema.optional(),
  ports: z.array(z.union([z.string().max(200), z.number().int(), portLongSchema])).max(100).optional(),
  volumes: z.array(z.union([z.string().max(4096), volumeLongSchema])).max(100).optional(),
  depends_on: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]).optional(),
  links: z.array(z.string()).optional(),
  networks: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]).optional(),
  scale: z.number().int().min(0).max(1000).optional(),
  cpus: quantity.optional(),
  mem_limit: quantity.optional(),
  deploy: z
    .looseObject({
      replicas: z.number().int().min(0).max(1000).optional(),
      resources: z
        .looseObject({ limits: z.looseObject({ cpus: quantity.optional(), memory: quantity.optional() }).optional() })
        .optional(),
    })
    .optional(),
});
export type ComposeService = z.output<typeof serviceSchema>;

export const composeFileSchema = z.looseObject({
  name: z.string().optional(),
  services: z.record(z.string(), serviceSchema, { error: 'services must be a map of service names to services' }),
  volumes: z.record(z.string(), z.union([z.null(), z.record(z.string(), z.unknown())])).optional(),
  networks: z.record(z.string(), z.union([z.null(), z.record(z.string(), z.unknown())])).optional(),
});
export type ComposeFile = z.output<typeof composeFileSchema>;
