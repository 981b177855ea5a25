import { buildOpenApiDocument, jsonSchemaOf, errorBodySchema } from '@colo/api';
import type { Metadata } from 'next';
import { OperationCard } from '../../../components/api-reference/operation-card';
import { schemaText } from '../../../components/api-reference/schema-text';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'API reference · Colo' };
export const dynamic = 'force-dynamic';

type Json = Record<string, unknown>;

/** The REST API as the contract (@colo/api) documents it: the same document as /api/openapi.json, rendered here. */
export default async function ApiReferencePage() {
  await requireUser();
  const document = buildOpenApiDocument();
  const tags = document.tags as { name: string; description: string }[];
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation: operation as Json })),
  );
  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-8">
      <h1 className="text-2xl font-semibold text-slate-900">API reference</h1>
      <p className="mt-2 text-sm text-slate-600">
        Every route takes an API token (<code className="font-mono">Authorization: Bearer colo_…</code>, made under API tokens) or this
        browser session. The same document as OpenAPI 3.1:{' '}
        <a className="text-indigo-700 underline" href="/api/openapi.json">
          /api/openapi.json
        </a>{' '}
        (e.g. <code className="font-mono">curl -H &quot;Authorization: Bearer $COLO_TOKEN&quot; {'<colo-url>'}/api/openapi.json</code>).
      </p>
      <p className="mt-2 text-sm text-slate-600">Errors answer with this body; each operation lists its codes:</p>
      <pre className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">{schemaText(jsonSchemaOf(errorBodySchema))}</pre>
      <nav aria-label="API sections" className="mt-6 flex flex-wrap gap-2">
        {tags.map((tag) => (
          <a key={tag.name} href={`#tag-${tag.name}`} className="rounded-md border border-slate-200 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50">
            {tag.name}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag.name} id={`tag-${tag.name}`} className="mt-8 scroll-mt-20">
          <h2 className="text-lg font-semibold text-slate-900">{tag.name}</h2>
          <p className="text-sm text-slate-500">{tag.description}</p>
          <div className="mt-3 space-y-3">
            {operations
              .filter((o) => (o.operation.tags as string[])[0] === tag.name)
              .map((o) => (
                <OperationCard key={`${o.method} ${o.path}`} method={o.method} path={o.path} operation={o.operation} />
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
