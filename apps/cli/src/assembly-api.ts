// The assembly routes of the REST API (`/api/v1/assemblies`) as `colo assembly` calls them, over
// ColoClient's transport, read with the contract's schemas.
import {
  assembliesSchema,
  assemblyAnswerSchema,
  assemblyDeletedSchema,
  assemblyExportSchema,
  assemblyImportedSchema,
  assemblySavedSchema,
  assemblyVersionSchema,
} from '@colo/api';
import type { ColoClient } from './api-client';

const seg = encodeURIComponent;

export function assemblyApi(client: ColoClient) {
  return {
    list: () => client.call('GET', '/assemblies', assembliesSchema),
    get: (id: string) => client.call('GET', `/assemblies/${seg(id)}`, assemblyAnswerSchema),
    version: (id: string, version: number) => client.call('GET', `/assemblies/${seg(id)}/versions/${version}`, assemblyVersionSchema),
    save: (assembly: Record<string, unknown>, note?: string) =>
      client.call('POST', '/assemblies', assemblySavedSchema, { body: { assembly, ...(note ? { note } : {}) } }),
    share: (id: string, body: { visibility: 'private' | 'shared' | 'published'; users?: string[] }) =>
      client.call('PUT', `/assemblies/${seg(id)}/sharing`, assemblyAnswerSchema, { body }),
    remove: (id: string) => client.call('DELETE', `/assemblies/${seg(id)}`, assemblyDeletedSchema),
    exportBundle: (id: string, version?: number) =>
      client.call('GET', `/assemblies/${seg(id)}/bundle`, assemblyExportSchema, { query: { format: 'json', version } }),
    importBundle: (bundle: string) => client.call('POST', '/assemblies/import', assemblyImportedSchema, { body: { bundle } }),
  };
}
