import { describe, expect, it } from 'vitest';
import { nodeProblems } from './node-problems';

describe('nodeProblems', () => {
  it('groups the error lines by the appliance they name, and skips the rest', () => {
    const map = nodeProblems([
      { path: 'appliances[1].resources.memory', message: 'at most 4Gi', severity: 'error', appliance: 'web', field: 'memory' },
      { path: 'appliances[1]', message: 'bad', severity: 'error', appliance: 'web' },
      { path: 'connections[0]', message: 'no', severity: 'error', field: 'wire a.b → c.d' },
    ]);
    expect([...map.entries()]).toEqual([['web', ['web · memory: at most 4Gi', 'web: bad']]]);
  });
});
