import { describe, expect, it } from 'vitest';
import { describeIssues } from './issue-words';
import { formatIssue } from './issue';
import { fixtureCatalog, shopManifest } from './test-fixtures';
import { validateManifest } from './validate-manifest';

const lines = (m: unknown) => validateManifest(m, fixtureCatalog).errors.map(formatIssue);

describe('issue words', () => {
  it('names the appliance and the field, with the class label of a property', () => {
    const m = shopManifest();
    m.appliances[1].resources = { memory: '5Gi' };
    m.appliances[1].properties = { workers: 99 };
    const errors = validateManifest(m, fixtureCatalog).errors;
    expect(errors).toContainEqual(expect.objectContaining({ appliance: 'web', field: 'memory', message: 'at most 2Gi' }));
    expect(errors.map(formatIssue)).toEqual(['web · memory: at most 2Gi', 'web · PHP workers: must be at most 64, not 99']);
  });

  it('words wires, exposed ports, unreadable names and the VDC name', () => {
    const m = shopManifest();
    m.connections.push({ from: 'web.db', to: 'nope.in' });
    m.appliances[0].expose = [{ terminal: 'in', port: 80 }];
    expect(lines(m)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^lb · host port: /), expect.stringMatching(/^wire web\.db → nope\.in: /)]),
    );
    m.appliances[2].name = 'Not A Label';
    m.name = '';
    expect(lines(m)).toEqual(expect.arrayContaining([expect.stringMatching(/^appliance 3 · name: /), expect.stringMatching(/^VDC name: /)]));
  });

  it('gives issues found outside the validator the same words', () => {
    const issue = { path: 'appliances[1].expose[0].port', message: 'is taken', severity: 'error' as const };
    expect(describeIssues([issue], shopManifest(), fixtureCatalog).map(formatIssue)).toEqual(['web · host port: is taken']);
    expect(describeIssues([{ ...issue, path: '' }], shopManifest(), fixtureCatalog).map(formatIssue)).toEqual(['is taken']);
  });
});
