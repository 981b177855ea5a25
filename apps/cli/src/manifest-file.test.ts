import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOP_YAML, writeManifest } from '../test/fixtures';
import { tempDir } from '../test/run-cli';
import type { CliContext } from './context';
import { manifestName, readManifest } from './manifest-file';

const ctx = (stdin = '') => ({ cwd: tempDir(), readStdin: async () => stdin }) as unknown as CliContext;

describe('readManifest', () => {
  it('reads a file, relative to the working directory, or stdin', async () => {
    const file = writeManifest();
    expect(await readManifest(ctx(), file, 'plan')).toEqual({ text: SHOP_YAML, label: file });
    const relative = { ...ctx(), cwd: path.dirname(file) } as CliContext;
    expect((await readManifest(relative, path.basename(file), 'plan')).text).toBe(SHOP_YAML);
    expect(await readManifest(ctx('name: x\n'), '-', 'plan')).toEqual({ text: 'name: x\n', label: 'stdin' });
  });

  it('names what is wrong with the input', async () => {
    await expect(readManifest(ctx(), undefined, 'plan')).rejects.toThrow('missing -f FILE');
    await expect(readManifest(ctx(), '/nope.yaml', 'plan')).rejects.toThrow('/nope.yaml: no such file');
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    await expect(readManifest(ctx(), path.join(dir, 'sub'), 'plan')).rejects.toThrow('is a directory, not a manifest');
    await expect(readManifest(ctx('  \n'), '-', 'plan')).rejects.toThrow('stdin: empty manifest');
    await expect(readManifest(ctx('x'.repeat(1024 * 1024 + 1)), '-', 'plan')).rejects.toThrow('larger than 1 MiB');
  });
});

describe('manifestName', () => {
  it('reads the name from YAML or JSON', () => {
    expect(manifestName({ text: SHOP_YAML, label: 'f' })).toBe('shop');
    expect(manifestName({ text: '{"apiVersion":"colo/v1","name":"blog"}', label: 'f' })).toBe('blog');
  });

  it('explains a manifest it cannot name', () => {
    expect(() => manifestName({ text: 'name: [unclosed', label: 'a.yaml' })).toThrow(/^a\.yaml: not valid YAML or JSON: /);
    expect(() => manifestName({ text: 'kind: VDC', label: 'a.yaml' })).toThrow('a.yaml: the manifest has no name');
    expect(() => manifestName({ text: '- a\n- b', label: 'a.yaml' })).toThrow('a.yaml: the manifest has no name');
  });
});

