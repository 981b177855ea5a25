import { describe, expect, it } from 'vitest';
import { checkNewUser, describeSharing, isDirty, sharingBody } from './sharing-draft';

describe('the sharing draft', () => {
  it('takes an e-mail once, as the server compares it', () => {
    expect(checkNewUser('  Bo@Colo.Test ', [])).toEqual({ email: 'bo@colo.test', problem: null });
    expect(checkNewUser('bo@colo.test', ['bo@colo.test']).problem).toBe('bo@colo.test is already on the list.');
    expect(checkNewUser('bo', []).problem).toBe('“bo” is not an e-mail address.');
  });

  it('sends users only when shared, and is dirty only when the outcome would change', () => {
    expect(sharingBody({ visibility: 'published', users: ['bo@colo.test'] })).toEqual({ visibility: 'published' });
    expect(sharingBody({ visibility: 'shared', users: ['bo@colo.test'] })).toEqual({ visibility: 'shared', users: ['bo@colo.test'] });
    const saved = { visibility: 'shared' as const, users: ['a@x.io', 'b@x.io'] };
    expect(isDirty({ visibility: 'shared', users: ['b@x.io', 'a@x.io'] }, saved)).toBe(false);
    expect(isDirty({ visibility: 'shared', users: ['a@x.io'] }, saved)).toBe(true);
    expect(isDirty({ visibility: 'published', users: [] }, saved)).toBe(true);
    expect(isDirty({ visibility: 'private', users: ['z@x.io'] }, { visibility: 'private', users: [] })).toBe(false);
  });

  it('says who may use it', () => {
    expect(describeSharing({ visibility: 'shared', users: ['bo@colo.test'] })).toBe('Shared with bo@colo.test.');
    expect(describeSharing({ visibility: 'published', users: [] })).toBe('Published to everyone on this Colo.');
  });
});
