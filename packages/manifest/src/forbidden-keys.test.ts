import { describe, expect, it } from 'vitest';
import { forbiddenKeyMessage, forbiddenKeyReason } from './forbidden-keys';

describe('forbiddenKeyReason', () => {
  it.each([
    'privileged',
    'cap_add',
    'capAdd',
    'cap-add',
    'devices',
    'network_mode',
    'networkMode',
    'hostNetwork',
    'volumes',
    'mounts',
    'binds',
    'image',
    'user',
    'pid',
    'ipc',
    'security_opt',
    'env',
    'environment',
    'command',
    'entrypoint',
  ])('refuses %s with a reason', (key) => {
    expect(forbiddenKeyReason(key)).toMatch(/Colo/);
  });

  it('leaves ordinary unknown keys alone', () => {
    expect(forbiddenKeyReason('replica')).toBeUndefined();
    expect(forbiddenKeyReason('colour')).toBeUndefined();
  });

  it('names the key in the message', () => {
    expect(forbiddenKeyMessage('privileged')).toBe('"privileged" is not allowed: Colo never runs privileged containers');
    expect(forbiddenKeyMessage('workers')).toBeUndefined();
  });
});
