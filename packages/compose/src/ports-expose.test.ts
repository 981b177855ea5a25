import type { ApplianceClass } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { exposedPorts } from './ports-expose';
import { Report } from './report';

const halb = {
  id: 'halb',
  terminals: { inputs: [{ name: 'in', protocol: 'http', port: 80 }, { name: 'stats', protocol: 'http', port: 8404 }], outputs: [] },
} as unknown as ApplianceClass;
const range = { min: 1024, max: 65535 };

describe('exposedPorts', () => {
  it('publishes each host port on the input listening on the container port', () => {
    const report = new Report();
    const expose = exposedPorts('lb', halb, ['8080:80', '127.0.0.1:8404:8404', { target: 80, published: '9000' }], range, report);
    expect(expose).toEqual([
      { terminal: 'in', port: 8080 },
      { terminal: 'stats', port: 8404 },
      { terminal: 'in', port: 9000 },
    ]);
    expect(report.lines.every((l) => l.severity === 'mapped')).toBe(true);
  });

  it('reports a host address other than loopback or any, and an IPv6 one', () => {
    const report = new Report();
    expect(exposedPorts('lb', halb, ['192.168.1.5:8080:80', '[::1]:8081:80'], range, report)).toHaveLength(2);
    expect(report.lines.filter((l) => l.severity === 'changed').map((l) => l.message)).toEqual([
      expect.stringContaining('host address 192.168.1.5 is not used'),
      expect.stringContaining('host address [::1] is not used'),
    ]);
  });
});
