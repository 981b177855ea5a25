import type { Issue } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { serverOnly } from './use-server-check';

const issue = (path: string, message: string, severity: Issue['severity'] = 'error'): Issue => ({ path, message, severity });

describe('serverOnly', () => {
  it('keeps the errors only the server found, never its deploy-mode mandatory outputs', () => {
    const local = [issue('appliances[0].replicas', 'at most 1')];
    const warnings = [issue('appliances[1]', 'mandatory output "db" is not connected', 'warning')];
    const server = [
      issue('appliances[0].replicas', 'at most 1'),
      issue('appliances[1]', 'mandatory output "db" is not connected'),
      { ...issue('appliances[0].expose[0].port', 'host port 8080 is used by VDC "blog"'), appliance: 'web', field: 'host port' },
    ];
    expect(serverOnly(server, local, warnings)).toEqual([server[2]]);
  });
});
