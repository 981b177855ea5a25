// @colo/api: the one contract of the REST API (zod 4). The web routes parse their input with
// these schemas, the CLI reads answers with them, and openapi.ts prints them as OpenAPI 3.1.
export * from './common';
export * from './openapi';
export * from './operation';
export * from './params';
export * from './registry';
export { openApiDocumentSchema } from './routes/meta';
export * from './schemas/accounts';
export * from './schemas/alerts';
export * from './schemas/assemblies';
export * from './schemas/audit';
export * from './schemas/classes';
export * from './schemas/custom-images';
export * from './schemas/logs';
export * from './schemas/metrics';
export * from './schemas/nodes';
export * from './schemas/operations';
export * from './schemas/overview';
export * from './schemas/teams';
export * from './schemas/terminals';
export * from './schemas/vdcs';
