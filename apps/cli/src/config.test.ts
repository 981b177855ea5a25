import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/run-cli';
import { NOT_LOGGED_IN, configPath, normalizeUrl, resolveConfig, writeConfig } from './config';

function envWithFile(content?: unknown) {
  const home = tempDir();
  const env: Record<string, string | undefined> = { HOME: home };
  if (content !== undefined) {
    mkdirSync(path.join(home, '.config', 'colo'), { recursive: true });
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    writeFileSync(path.join(home, '.config', 'colo', 'config.json'), text);
  }
  return env;
}

describe('configPath', () => {
  it('uses XDG_CONFIG_HOME when set, else ~/.config', () => {
    expect(configPath({ HOME: '/home/ann' })).toBe('/home/ann/.config/colo/config.json');
    expect(configPath({ HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/colo/config.json');
    expect(configPath({ HOME: '/home/ann', XDG_CONFIG_HOME: '' })).toBe('/home/ann/.config/colo/config.json');
  });
});

describe('resolveConfig', () => {
  it('reads the file when the environment says nothing', async () => {
    const env = envWithFile({ url: 'http://127.0.0.1:3000', token: 'file-token' });
    expect(await resolveConfig(env)).toEqual({ url: 'http://127.0.0.1:3000', token: 'file-token' });
  });

  it('lets COLO_URL and COLO_TOKEN each override the file', async () => {
    const env = envWithFile({ url: 'http://file:3000', token: 'file-token' });
    expect(await resolveConfig({ ...env, COLO_TOKEN: 'env-token' })).toEqual({ url: 'http://file:3000', token: 'env-token' });
    expect(await resolveConfig({ ...env, COLO_URL: 'http://env:4000' })).toEqual({ url: 'http://env:4000', token: 'file-token' });
    expect(await resolveConfig({ ...env, COLO_URL: 'http://env:4000', COLO_TOKEN: 't' })).toEqual({ url: 'http://env:4000', token: 't' });
  });

  it('does not need the file when both variables are set, even a broken one', async () => {
    const env = envWithFile('{ not json');
    expect(await resolveConfig({ ...env, COLO_URL: 'http://env:4000/', COLO_TOKEN: 't' })).toEqual({ url: 'http://env:4000', token: 't' });
  });

  it('says how to log in when there is no server or no token', async () => {
    await expect(resolveConfig(envWithFile())).rejects.toThrow(NOT_LOGGED_IN);
    await expect(resolveConfig({ ...envWithFile(), COLO_URL: 'http://x:1' })).rejects.toThrow(NOT_LOGGED_IN);
    await expect(resolveConfig(envWithFile({ url: 'http://x:1' }))).rejects.toThrow(NOT_LOGGED_IN);
  });

  it('names the file when it is not valid', async () => {
    const env = envWithFile('{ not json');
    await expect(resolveConfig(env)).rejects.toThrow(`${configPath(env)} is not valid JSON`);
    const wrong = envWithFile(['a list']);
    await expect(resolveConfig(wrong)).rejects.toThrow('should hold { "url": "…", "token": "…" }');
  });

  it('refuses a URL that is not http(s)', async () => {
    await expect(resolveConfig({ HOME: tempDir(), COLO_URL: 'ftp://x', COLO_TOKEN: 't' })).rejects.toThrow('COLO_URL: "ftp://x" must start with http:// or https://');
  });
});

describe('writeConfig', () => {
  it('writes { url, token } with mode 600, creating the directory', async () => {
    const env = { HOME: tempDir() };
    const file = await writeConfig(env, { url: 'http://127.0.0.1:3000', token: 'secret' });
    expect(file).toBe(configPath(env));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: 'http://127.0.0.1:3000', token: 'secret' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await resolveConfig(env)).toEqual({ url: 'http://127.0.0.1:3000', token: 'secret' });
  });

  it('tightens an existing file that was readable by others', async () => {
    const env = envWithFile({ url: 'http://old:1', token: 'old' });
    const file = configPath(env);
    chmodSync(file, 0o644);
    await writeConfig(env, { url: 'http://new:2', token: 'new' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('new');
  });
});

describe('normalizeUrl', () => {
  it('drops trailing slashes and a pasted /api/v1', () => {
    expect(normalizeUrl('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(normalizeUrl('http://127.0.0.1:3000/api/v1/')).toBe('http://127.0.0.1:3000');
    expect(normalizeUrl('https://colo.example/prefix')).toBe('https://colo.example/prefix');
  });

  it('refuses what is not a URL', () => {
    expect(() => normalizeUrl('127.0.0.1:3000x')).toThrow();
    expect(() => normalizeUrl('not a url')).toThrow('"not a url" is not a URL');
  });
});
