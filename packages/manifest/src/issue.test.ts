import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath, IssueList, MAX_ISSUES } from './issue';

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['appliances', 1, 'class'])).toBe('appliances[1].class');
    expect(formatPath(['appliances', 2, 'properties', 'workers'])).toBe('appliances[2].properties.workers');
    expect(formatPath(['connections', 0, 'to'])).toBe('connections[0].to');
    expect(formatPath([])).toBe('');
  });

  it('keeps DNS-style keys plain and quotes the rest', () => {
    expect(formatPath(['visual', 'web-1'])).toBe('visual.web-1');
    expect(formatPath(['visual', 'a.b'])).toBe('visual["a.b"]');
    expect(formatPath(['properties', ''])).toBe('properties[""]');
    expect(formatPath(['x', '1abc'])).toBe('x["1abc"]');
  });
});

describe('formatIssue', () => {
  it('prefixes the path, and marks warnings', () => {
    expect(formatIssue({ path: 'appliances[1].class', message: 'unknown class "x"', severity: 'error' })).toBe(
      'appliances[1].class: unknown class "x"',
    );
    expect(formatIssue({ path: '', message: 'the manifest is empty', severity: 'error' })).toBe('the manifest is empty');
    expect(formatIssue({ path: 'visual.x', message: 'ignored', severity: 'warning' })).toBe('warning: visual.x: ignored');
  });

  it('names the appliance and the field in words when it has them, not the path', () => {
    const issue = { path: 'appliances[1].resources.memory', message: 'at most 4Gi', severity: 'error' as const };
    expect(formatIssue({ ...issue, appliance: 'web', field: 'memory' })).toBe('web · memory: at most 4Gi');
    expect(formatIssue({ ...issue, appliance: 'web' })).toBe('web: at most 4Gi');
    expect(formatIssue({ ...issue, field: 'wire a.b → c.d' })).toBe('wire a.b → c.d: at most 4Gi');
  });
});

describe('IssueList', () => {
  it('sorts issues into errors and warnings with formatted paths', () => {
    const list = new IssueList();
    list.error(['a', 0], 'bad');
    list.warning('b', 'meh');
    list.add({ path: 'c', message: 'also bad', severity: 'error' });
    expect(list.errors.map((i) => i.path)).toEqual(['a[0]', 'c']);
    expect(list.warnings).toEqual([{ path: 'b', message: 'meh', severity: 'warning' }]);
  });

  it('lists the first 200 of each kind, counts the rest, and never words what it drops', () => {
    const list = new IssueList();
    let worded = 0;
    for (let i = 0; i < 5000; i++) {
      list.error(['appliances', i], () => {
        worded++;
        return 'bad';
      });
    }
    list.warning('w', 'meh');
    const { errors, warnings } = list.finish();
    expect(worded).toBe(MAX_ISSUES);
    expect(errors).toHaveLength(MAX_ISSUES + 1);
    expect(errors.at(-1)).toEqual({ path: '', message: '… and 4800 more errors (only the first 200 are listed)', severity: 'error' });
    expect(warnings).toEqual([{ path: 'w', message: 'meh', severity: 'warning' }]);
  });
});

describe('formatPath with huge keys', () => {
  it('shortens them', () => {
    const path = formatPath(['visual', 'k'.repeat(10_000)]);
    expect(path.length).toBeLessThan(120);
    expect(path.startsWith('visual["kkk')).toBe(true);
  });
});
