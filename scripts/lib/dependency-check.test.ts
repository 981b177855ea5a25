import { describe, expect, it } from 'vitest';
import { type CheckInput, checkDependencies, type Manifest, packageOf, type Workspace } from './dependency-check';

function workspace(manifest: Manifest, files: Record<string, string>): Workspace {
  return { dir: manifest.name, manifest, files: new Map(Object.entries(files)) };
}

// A tiny repository: a root with shared tools and one workspace, `@fx/app`.
function check(app: Workspace, root: Partial<Manifest> = {}): string[] {
  const input: CheckInput = {
    root: workspace({ name: 'fx', devDependencies: { vitest: '*', '@types/node': '*' }, ...root }, { 'x.test.ts': "import 'vitest';\nimport 'node:fs';" }),
    workspaces: [app],
    binariesOf: (dep) => ({ prisma: ['prisma'], typescript: ['tsc', 'tsserver'], next: ['next'] })[dep] ?? [],
    peersOf: (dep) => ({ next: ['react', 'react-dom'] })[dep] ?? [],
  };
  return checkDependencies(input).map((p) => `${p.workspace} ${p.kind} ${p.dependency}`);
}

describe('checkDependencies', () => {
  it('names a declared dependency nothing imports, and an import nothing declares', () => {
    const app = workspace({ name: '@fx/app', dependencies: { yaml: '*', zod: '*' } }, { 'src/a.ts': "import { z } from 'zod';\nimport Docker from 'dockerode';" });
    expect(check(app)).toEqual(['@fx/app undeclared dockerode', '@fx/app unused yaml']);
  });

  it('counts type-only, dynamic, re-exported, required and subpath imports, but not relative ones or builtins', () => {
    const app = workspace(
      { name: '@fx/app', dependencies: { a: '*', b: '*', c: '*', d: '*', '@s/e': '*' } },
      {
        'src/a.ts': "import type { A } from 'a';\nexport { b } from 'b';\nconst c = await import('c');",
        'lib/d.cjs': "const d = require('d');",
        'tests/e.test.ts': "import { e } from '@s/e/sub/path';\nimport './local';\nimport { readFileSync } from 'node:fs';\nimport path from 'path';",
      },
    );
    expect(check(app)).toEqual([]);
  });

  it('counts @types/x against x, CLI binaries in scripts, peers of used packages and packages named only by a config', () => {
    const app = workspace(
      {
        name: '@fx/app',
        scripts: { generate: 'cd ../.. && prisma generate', dev: 'next dev' },
        dependencies: { next: '*', react: '*', 'react-dom': '*', '@types/react-dom': '*', '@types/scope__lib': '*', '@scope/lib': '*' },
        devDependencies: { prisma: '*', '@tw/postcss': '*', '@types/node': '*', tailwindcss: '*' },
      },
      {
        'postcss.config.mjs': "export default { plugins: { '@tw/postcss': {} } };",
        'app/globals.css': '@import "tailwindcss";',
        'src/a.ts': "import type { L } from '@scope/lib';\nimport { join } from 'node:path';",
      },
    );
    expect(check(app)).toEqual([]);
  });

  it('lets every workspace use the root tools, and reports a root tool nothing uses', () => {
    const app = workspace({ name: '@fx/app' }, { 'src/a.test.ts': "import { it } from 'vitest';" });
    expect(check(app, { devDependencies: { vitest: '*', typescript: '*', turbo: '*' } })).toEqual(['fx unused typescript', 'fx unused turbo']);
  });

  it('does not count a string in an ordinary source file as a use', () => {
    const app = workspace({ name: '@fx/app', dependencies: { yaml: '*' } }, { 'src/a.ts': "export const format = 'yaml';" });
    expect(check(app)).toEqual(['@fx/app unused yaml']);
  });
});

describe('packageOf', () => {
  it('reduces a specifier to its package', () => {
    expect(packageOf('@colo/engine/desired')).toBe('@colo/engine');
    expect(packageOf('yaml/util')).toBe('yaml');
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('fs/promises')).toBeUndefined();
    expect(packageOf('@/components/x')).toBeUndefined();
    expect(packageOf('../x')).toBeUndefined();
  });
});
