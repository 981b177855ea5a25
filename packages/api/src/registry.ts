// Every REST operation Colo answers. The web app's route files must match this list exactly
// (apps/web/app/api/openapi-coverage.test.ts), so a route without a contract entry fails a test.
import type { ApiOperation } from './operation';
import { accountOperations } from './routes/accounts';
import { alertOperations } from './routes/alerts';
import { assemblyOperations } from './routes/assemblies';
import { auditOperations } from './routes/audit';
import { catalogOperations } from './routes/catalog';
import { customImageOperations } from './routes/custom-images';
import { dataOperations } from './routes/data';
import { logOperations } from './routes/logs';
import { metaOperations } from './routes/meta';
import { metricOperations } from './routes/metrics';
import { nodeOperations } from './routes/nodes';
import { terminalOperations } from './routes/terminals';
import { overviewOperations } from './routes/overview';
import { teamOperations } from './routes/teams';
import { vdcOperations } from './routes/vdcs';

export const API_OPERATIONS: readonly ApiOperation[] = [...accountOperations, ...vdcOperations, ...logOperations, ...metricOperations, ...dataOperations, ...catalogOperations, ...assemblyOperations, ...customImageOperations, ...alertOperations, ...terminalOperations, ...auditOperations, ...teamOperations, ...overviewOperations, ...nodeOperations, ...metaOperations];

/** Tags in the order the reference shows them, each with one line. */
export const API_TAGS: readonly { name: string; description: string }[] = [
  { name: 'Auth', description: 'First admin, signing in and out' },
  { name: 'Account', description: 'The caller, API tokens, users and quotas' },
  { name: 'Teams', description: 'Teams own VDCs, entries and quotas: members, roles (viewer, operator, admin), invitations' },
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
  { name: 'Alerts', description: 'Alert rules per VDC, the notification centre, webhooks and e-mail' },
  { name: 'Terminals', description: 'Shells in the browser: output, input, size' },
  { name: 'Audit', description: 'Who changed what, when, from where: the audit log, filtered and exported' },
  { name: 'Nodes', description: 'The machines of a swarm: status, join command, drain, labels, removal (admins)' },
  { name: 'Meta', description: 'This document' },
];

export function findOperation(operationId: string): ApiOperation {
  const found = API_OPERATIONS.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no API operation "${operationId}"`);
  return found;
}

export interface MatchedOperation {
  operation: ApiOperation;
  /** The path's parameters by name, decoded. */
  params: Record<string, string>;
}

const PATTERNS = new Map<ApiOperation, RegExp>();

function patternOf(operation: ApiOperation): RegExp {
  let found = PATTERNS.get(operation);
  if (!found) {
    const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
    found = new RegExp(`^${source}/?$`);
    PATTERNS.set(operation, found);
  }
  return found;
}

/**
 * The operation a request is, by method and path (`POST /api/v1/vdcs/shop/deploy` → deployVdc
 * with `{ name: 'shop' }`); undefined for a path the contract does not have. A literal segment
 * wins over a parameter (`/assemblies/import` is not `/assemblies/{id}`).
 */
export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  let best: MatchedOperation | undefined;
  let bestParams = Number.POSITIVE_INFINITY;
  for (const operation of API_OPERATIONS) {
    if (operation.method !== method.toUpperCase()) continue;
    const m = patternOf(operation).exec(pathname);
    if (!m) continue;
    const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, safeDecode(v)]));
    const count = Object.keys(params).length;
    if (count < bestParams) {
      best = { operation, params };
      bestParams = count;
    }
  }
  return best;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
