// Built-in page, run until a NAS share holding the `entry` file is wired to `fs`: which replica
// answered and what is wired, as HTML or (Accept: application/json, ?format=json) JSON.
'use strict';
const http = require('node:http');
const { hostname } = require('node:os');

const wired = (prefix) => (process.env[`${prefix}_HOST`] ? `${process.env[`${prefix}_HOST`]}:${process.env[`${prefix}_PORT`]}` : null);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function status() {
  return {
    host: hostname(),
    node: process.version,
    source: 'builtin',
    wiring: { db: wired('DB'), mysql: wired('MYSQL'), cache: wired('CACHE'), fs: process.env.FS_MOUNT ?? null },
  };
}

function page(s) {
  const rows = Object.entries(s.wiring)
    .map(([name, to]) => `<dt><code>${name}</code></dt><dd>${to ? `wired: <code>${esc(to)}</code>` : 'not wired'}</dd>`)
    .join('\n    ');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Colo · Node.js application server</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:34rem;color:#1d2330}code{background:#eef0f4;padding:.1rem .35rem;border-radius:4px}dt{font-weight:600}dd{margin:0 0 .5rem}</style>
</head>
<body>
  <h1>Node.js ${esc(s.node)} is running.</h1>
  <p>Replica <code>${esc(s.host)}</code></p>
  <dl>
    ${rows}
  </dl>
  <p>Put your application on the NAS share (the class's <code>entry</code>, by default
  <code>app/server.js</code>, listening on <code>process.env.PORT</code>) to run it here.</p>
</body>
</html>
`;
}

http
  .createServer((req, res) => {
    const s = status();
    const json = /[?&]format=json\b/.test(req.url ?? '') || (req.headers.accept ?? '').includes('application/json');
    res.writeHead(200, { 'content-type': json ? 'application/json' : 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(json ? `${JSON.stringify(s)}\n` : page(s));
  })
  .listen(Number(process.env.PORT) || 80);
