import { describe, expect, it } from 'vitest';
import { actionPhrase } from './audit-phrases';

describe('audit actions in words', () => {
  it('says what a contract operation, a named event and an operation end are', () => {
    expect(actionPhrase('deployVdc')).toBe('deploy');
    expect(actionPhrase('createToken')).toBe('create API token');
    expect(actionPhrase('signIn')).toBe('sign in');
    expect(actionPhrase('deployFinished')).toBe('deploy finished');
    expect(actionPhrase('entrySwitchFinished')).toBe('entry switch finished');
    expect(actionPhrase('openApplianceTerminal')).toBe('open terminal (exec)');
  });

  it('never hides an action it does not know', () => {
    expect(actionPhrase('acknowledgeAlert')).toBe('acknowledge alert');
    expect(actionPhrase('POST /api/v1/nowhere')).toBe('POST /api/v1/nowhere');
  });
});
