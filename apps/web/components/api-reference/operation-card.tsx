// One operation of the API reference: method, path, summary, who may call it, its parameters,
// its body and its answers, each schema written as a type.
import { schemaText } from './schema-text';

type Json = Record<string, unknown>;

const METHOD_COLOURS: Record<string, string> = {
  get: 'bg-sky-100 text-sky-800',
  post: 'bg-emerald-100 text-emerald-800',
  put: 'bg-amber-100 text-amber-800',
  patch: 'bg-violet-100 text-violet-800',
  delete: 'bg-rose-100 text-rose-800',
};

function SchemaBlock({ schema }: { schema: Json | undefined }) {
  // Wrapped, not scrolled: a scrolling box would need a keyboard stop of its own.
  return <pre className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs leading-5 text-slate-800">{schemaText(schema)}</pre>;
}

function jsonSchema(content: unknown): Json | undefined {
  return ((content as Record<string, { schema?: Json }> | undefined)?.['application/json'])?.schema;
}

export function OperationCard({ method, path, operation }: { method: string; path: string; operation: Json }) {
  const parameters = (operation.parameters ?? []) as { name: string; in: string; required: boolean; description?: string; schema: Json }[];
  const bodyContent = (operation.requestBody as Json | undefined)?.content as Record<string, unknown> | undefined;
  const body = jsonSchema(bodyContent);
  const otherBodies = Object.keys(bodyContent ?? {}).filter((type) => type !== 'application/json');
  const responses = Object.entries((operation.responses ?? {}) as Record<string, { description: string; content?: Record<string, unknown> }>);
  const id = String(operation.operationId);
  return (
    <article id={id} className="scroll-mt-20 rounded-lg border border-slate-200 bg-white p-4">
      <header className="flex flex-wrap items-baseline gap-3">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_COLOURS[method] ?? 'bg-slate-100'}`}>{method}</span>
        <code className="font-mono text-sm text-slate-900">{path}</code>
        <span className="text-xs text-slate-500">{id}</span>
      </header>
      <p className="mt-2 text-sm text-slate-700">{String(operation.summary)}</p>
      {operation.description ? <p className="mt-1 whitespace-pre-line text-xs text-slate-500">{String(operation.description)}</p> : null}
      {parameters.length > 0 ? (
        <section className="mt-3">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
          <table className="mt-1 w-full text-left text-xs">
            <tbody>
              {parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100">
                  <td className="py-1 pr-3 font-mono text-slate-900">
                    {p.name}
                    {p.required ? '' : '?'}
                  </td>
                  <td className="py-1 pr-3 text-slate-500">{p.in}</td>
                  <td className="py-1 pr-3 font-mono text-slate-700">{schemaText(p.schema)}</td>
                  <td className="py-1 text-slate-600">{p.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {body ? (
        <section className="mt-3">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Request body (application/json)</h4>
          <SchemaBlock schema={body} />
          {otherBodies.length > 0 ? <p className="mt-1 text-xs text-slate-500">or the file itself as {otherBodies.join(', ')}</p> : null}
        </section>
      ) : null}
      <section className="mt-3">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h4>
        <ul className="mt-1 space-y-2">
          {responses.map(([status, response]) => {
            const schema = jsonSchema(response.content);
            const others = Object.keys(response.content ?? {}).filter((type) => type !== 'application/json');
            return (
              <li key={status} className="text-xs">
                <span className={`font-mono font-semibold ${status.startsWith('2') ? 'text-emerald-700' : 'text-rose-700'}`}>{status}</span>{' '}
                <span className="text-slate-700">{response.description}</span>
                {others.length > 0 ? <span className="text-slate-500"> ({others.join(', ')})</span> : null}
                {schema && status.startsWith('2') ? <SchemaBlock schema={schema} /> : null}
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}
