// Every REST operation Colo answers. The web app's route files must match this list exactly
// (apps/web/app/api/openapi-coverage.test.ts), so a route without a contract entry fails a test.
import type { ApiOperation } from './operation';
import { accountOperations } from './routes/accounts';
import { assemblyOperations } from './routes/assemblies';
import { catalogOperations } from './routes/catalog';
import { customImageOperations } from './routes/custom-images';
import { dataOperations } from './routes/data';
import { metaOperations } from './routes/meta';
import { vdcOperations } from './routes/vdcs';

export const API_OPERATIONS: readonly ApiOperation[] = [...accountOperations, ...vdcOperations, ...dataOperations, ...catalogOperations, ...assemblyOperations, ...customImageOperations, ...metaOperations];

/** Tags in the order the reference shows them, each with one line. */
export const API_TAGS: readonly { name: string; description: string }[] = [
  { name: 'Auth', description: 'First admin, signing in and out' },
  { name: 'Account', description: 'The caller, API tokens, users and quotas' },
  { name: 'VDCs', description: 'Manifests and their revisions' },
  { name: 'Lifecycle', description: 'Deploy, stop, start, destroy, clone: each an operation (202)' },
  { name: 'Status', description: 'What runs, its logs and live events' },
  { name: 'Operations', description: 'Progress, steps and logs of operations' },
  { name: 'Snapshots', description: 'Point-in-time copies of a VDC and restoring them' },
  { name: 'Schedules', description: 'Snapshots, stops and starts on a cron timetable' },
  { name: 'Entries', description: 'Stable host ports that switch between VDCs' },
  { name: 'Files', description: 'docker-compose.yml and .colo.yaml bundles, in and out' },
  { name: 'Catalog', description: 'Appliance classes, assemblies, and judging a manifest' },
  { name: 'Assemblies', description: "Users' saved boxes of appliances, their versions and sharing" },
  { name: 'Classes', description: 'Class versions, class patch and the custom-image allow-list (admins)' },
  { name: 'Terminals', description: 'Shells in the browser: output, input, size' },
  { name: 'Meta', description: 'This document' },
];

export function findOperation(operationId: string): ApiOperation {
  const found = API_OPERATIONS.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no API operation "${operationId}"`);
  return found;
}
