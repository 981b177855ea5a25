// Just enough of Redis's protocol (RESP) for the demo, so the app needs no npm package: one
// connection per call, AUTH when a password is wired, then the commands, their replies in order.
'use strict';
const net = require('node:net');

function encode(args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`;
}

/** Parses one reply at `at`; returns [value, next offset], or undefined while incomplete. */
function parseReply(buf, at) {
  const eol = buf.indexOf('\r\n', at);
  if (eol === -1) return undefined;
  const kind = String.fromCharCode(buf[at]);
  const line = buf.toString('utf8', at + 1, eol);
  const next = eol + 2;
  if (kind === '+') return [line, next];
  if (kind === '-') return [new Error(`redis: ${line}`), next];
  if (kind === ':') return [Number(line), next];
  if (kind === '$') {
    const size = Number(line);
    if (size < 0) return [null, next];
    if (buf.length < next + size + 2) return undefined;
    return [buf.toString('utf8', next, next + size), next + size + 2];
  }
  if (kind === '*') {
    const count = Number(line);
    if (count < 0) return [null, next];
    const items = [];
    let offset = next;
    for (let i = 0; i < count; i++) {
      const item = parseReply(buf, offset);
      if (!item) return undefined;
      items.push(item[0]);
      offset = item[1];
    }
    return [items, offset];
  }
  return [new Error(`redis: unexpected reply type ${kind}`), buf.length];
}

/** Sends `commands` (arrays of arguments) on a fresh connection; resolves with their replies. */
function redisCall(commands, { host, port, password, timeoutMs = 3000 }) {
  const all = password ? [['AUTH', password], ...commands] : commands;
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    let buf = Buffer.alloc(0);
    const replies = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`redis: no answer from ${host}:${port} in ${timeoutMs} ms`)));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(all.map(encode).join('')));
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let offset = 0;
      for (let r = parseReply(buf, offset); r; r = parseReply(buf, offset)) {
        replies.push(r[0]);
        offset = r[1];
      }
      buf = buf.subarray(offset);
      if (replies.length < all.length) return;
      socket.end();
      const failed = replies.find((r) => r instanceof Error);
      if (failed) reject(failed);
      else resolve(password ? replies.slice(1) : replies);
    });
  });
}

module.exports = { redisCall };
