import { describe, expect, it } from 'vitest';
import { yamlHeaderState, yamlProblemAt, yamlSaveRefusal, yamlTextProblems } from './yaml-problems';

const TEXT = 'apiVersion: colo/v1\nkind: VDC\nname: shop\nappliances:\n  - name: web\n    replicas: -1\n';

describe('yaml problems', () => {
  it('words a syntax error and a path error with their place in the text', () => {
    const problems = yamlTextProblems(TEXT, [
      { path: '', message: 'line 2, column 3: Nested mappings are not allowed', severity: 'error' },
      { path: 'appliances[0].replicas', message: 'must be at least 0', severity: 'error' },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'YAML tab, line 2, column 3: Nested mappings are not allowed',
      'YAML tab, line 6, column 5: appliances[0].replicas: must be at least 0',
    ]);
    expect(problems.every((p) => p.path === '' && p.severity === 'error')).toBe(true);
    expect(yamlProblemAt(problems[1])).toEqual({ line: 6, col: 5 });
    expect(yamlProblemAt({ path: 'appliances[0]', message: 'line 1, column 1: x', severity: 'error' })).toBeUndefined();
  });

  it('says the state for the header and why Save refuses', () => {
    expect(yamlHeaderState(1)).toBe('YAML not applied: 1 error');
    expect(yamlHeaderState(3)).toBe('YAML not applied: 3 errors');
    const problems = yamlTextProblems(TEXT, [{ path: 'appliances[0].replicas', message: 'must be at least 0.', severity: 'error' }]);
    expect(yamlSaveRefusal(problems)).toBe(
      "The YAML tab's text has 1 error and is not on the canvas (line 6, column 5: appliances[0].replicas: must be at least 0). Fix it, or replace it with the canvas, then save.",
    );
  });
});
