import { describe, expect, it } from 'vitest';
import { lifecycleActions } from './row-menu';

describe('lifecycleActions', () => {
  it('offers Stop when running, Start when stopped, both after a failure, Deploy always', () => {
    expect(lifecycleActions('running')).toEqual(['deploy', 'stop']);
    expect(lifecycleActions('stopped')).toEqual(['deploy', 'start']);
    expect(lifecycleActions('failed')).toEqual(['deploy', 'stop', 'start']);
    expect(lifecycleActions('new')).toEqual(['deploy']);
    expect(lifecycleActions('destroyed')).toEqual(['deploy']);
  });
});
