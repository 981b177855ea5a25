import { describe, expect, it } from 'vitest';
import { Report } from './report';
import { applianceNames } from './service-names';

describe('applianceNames', () => {
  it('makes DNS labels, numbers collisions and reports each change', () => {
    const report = new Report();
    const names = applianceNames(['web', 'My_Service.v2', 'my-service-v2', '___', 'x'.repeat(63)], report);
    expect([...names.values()]).toEqual(['web', 'my-service-v2', 'my-service-v2-2', 'app', 'x'.repeat(32)]);
    expect(report.lines.map((l) => l.service)).toEqual(['My_Service.v2', 'my-service-v2', '___', 'x'.repeat(63)]);
  });
});
