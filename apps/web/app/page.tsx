// A placeholder front page until the canvas editor lands: what Colo is and how to drive it.
export default function Home() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Colo</h1>
      <p className="mt-3 text-slate-600">
        Virtual datacenters on Docker: draw appliances and wires, deploy them as one unit.
      </p>
      <section className="mt-10 rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="font-medium">Use it from the command line</h2>
        <pre className="mt-3 overflow-x-auto rounded bg-slate-900 p-4 text-sm text-slate-100">
          {`npx colo apply -f templates/assemblies/lamp-cluster.yaml --wait
npx colo status lamp
npx colo ls`}
        </pre>
        <p className="mt-4 text-sm text-slate-600">
          The REST API lives under <code className="rounded bg-slate-100 px-1">/api/v1</code> and takes{' '}
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </section>
    </main>
  );
}
