// Colo Node.js demo: which replica answered, one hit counter every replica shares in Redis (the
// `cache` wire) and each replica's share of the requests. Runs from the NAS share, so every
// replica runs the same app; HTML, or JSON for Accept: application/json or ?format=json.
'use strict';
const http = require('node:http');
const { hostname } = require('node:os');
const { redisCall } = require('./redis-resp');

const replica = hostname();
const source = process.env.FS_MOUNT && __filename.startsWith(`${process.env.FS_MOUNT}/`) ? 'nas' : 'local';
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function countVisit() {
  if (!process.env.CACHE_HOST) throw new Error("no cache wired: connect this app's cache terminal to Redis");
  const redis = { host: process.env.CACHE_HOST, port: Number(process.env.CACHE_PORT) || 6379, password: process.env.CACHE_PASSWORD };
  const [hits, , perReplica] = await redisCall(
    [['INCR', 'colo:node-demo:hits'], ['HINCRBY', 'colo:node-demo:replicas', replica, 1], ['HGETALL', 'colo:node-demo:replicas']],
    redis,
  );
  const replicas = {};
  for (let i = 0; i < perReplica.length; i += 2) replicas[perReplica[i]] = Number(perReplica[i + 1]);
  return { hits, replicas };
}

function page(body) {
  const rows = Object.entries(body.replicas ?? {})
    .map(([name, n]) => `<li><code>${esc(name)}</code>: ${esc(n)}</li>`)
    .join('');
  const counts = body.error ? `<p style="color:#b42318">Cache unavailable: ${esc(body.error)}</p>` : `<p style="font-size:2.4rem;font-weight:700;margin:.25rem 0">${esc(body.hits)} <small>hits</small></p><ul>${rows}</ul>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Colo Node.js demo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:34rem;color:#1d2330}code{font-weight:600}</style>
</head>
<body>
  <h1>Colo Node.js demo</h1>
  <p>Served by replica <code>${esc(body.host)}</code> (Node.js ${esc(process.version)}, from the ${body.source === 'nas' ? 'NAS share' : 'local disk'})</p>
  ${counts}
  <p>The counters live in Redis; reload to watch the load balancer move you between replicas.</p>
</body>
</html>
`;
}

http
  .createServer(async (req, res) => {
    const json = /[?&]format=json\b/.test(req.url ?? '') || (req.headers.accept ?? '').includes('application/json');
    let body = { host: replica, source };
    let status = 200;
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    try {
      body = { ...body, ...(await countVisit()) };
    } catch (error) {
      console.error(`node-demo: ${error.message}`);
      body.error = error.message;
      status = 503;
    }
    res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(json ? `${JSON.stringify(body)}\n` : page(body));
  })
  .listen(Number(process.env.PORT) || 80, () => console.log(`node-demo: listening on ${process.env.PORT || 80} as ${replica}`));
