// Runs the application in this process after two things every replica needs whatever the app
// is: a loopback-only health port (8081) answered by this event loop, and `X-Colo-Host` on each
// HTTP response, so a user watches the balancer spread requests as with the other web classes.
import http from 'node:http';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';

const replica = hostname();
const writeHead = http.ServerResponse.prototype.writeHead;
http.ServerResponse.prototype.writeHead = function writeHeadWithHost(...args) {
  // Set before the app's own headers merge in, so an app may still override it.
  if (!this.headersSent && !this.hasHeader('x-colo-host')) this.setHeader('X-Colo-Host', replica);
  return writeHead.apply(this, args);
};

http
  .createServer((req, res) => {
    const ok = req.url === '/health';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(ok ? 'node-ok\n' : 'not found\n');
  })
  .listen(8081, '127.0.0.1');

const app = process.env.COLO_APP;
if (!app) {
  console.error('app-node: COLO_APP is not set');
  process.exit(64);
}
await import(pathToFileURL(app).href);
