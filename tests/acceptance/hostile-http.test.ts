// The real built web app under hostile HTTP: a 50 MB chunked upload and a lying Content-Length
// are refused with 413 while the web process stays small, and the sign-in brake counts by the
// socket's address, whatever X-Forwarded-For claims.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Colo, startColo } from './setup';

let c: Colo;
beforeAll(async () => {
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

/** Resident memory of the web server's whole process group (next may run its server in a child). */
function webRssMb(): number {
  const group = c.web.proc.pid as number;
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state is 3rd, pgrp 5th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== group) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

interface Upload {
  status: number;
  body: string;
  sentMb: number;
  peakRssMb: number;
}

/** POSTs up to `totalMb` in 64 KiB chunks, stopping as soon as the server answers. */
function upload(headers: Record<string, string>, totalMb: number): Promise<Upload> {
  const { port } = new URL(c.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let peak = webRssMb();
    let answered = false;
    const sampler = setInterval(() => {
      peak = Math.max(peak, webRssMb());
    }, 100);
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/vdcs', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json', ...headers } });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, webRssMb());
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentMb: sent / 1024 / 1024, peakRssMb: peak });
      });
    });
    req.on('error', (err) => {
      // The server may close the connection once it has answered; that is not a failure.
      if (answered) return;
      clearInterval(sampler);
      // Refusing mid-upload, the server may reset the connection before its answer is read.
      const reset = (err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE';
      if (reset) resolve({ status: 0, body: 'connection reset', sentMb: sent / 1024 / 1024, peakRssMb: Math.max(peak, webRssMb()) });
      else reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < totalMb * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('request bodies on the real server', () => {
  it('refuses a 50 MB chunked upload with 413 while the web process stays bounded', async () => {
    // Warm up: the route's modules load, and a body just under the cap is read whole, so what
    // is measured next is the upload alone.
    for (let i = 0; i < 3; i++) await upload({ 'transfer-encoding': 'chunked' }, 1.5);
    const before = webRssMb();
    const res = await upload({ 'transfer-encoding': 'chunked' }, 50);
    console.log(`chunked 50 MB: ${res.status} after ${res.sentMb.toFixed(1)} MB sent; web RSS ${before.toFixed(0)} → peak ${res.peakRssMb.toFixed(0)} MB`);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    // The cap is 2 MiB: the process holds that and its own working set, never the upload.
    expect(res.peakRssMb - before).toBeLessThan(32);
  });

  it('refuses a declared 50 MB body before it is sent', async () => {
    const res = await upload({ 'content-length': String(50 * 1024 * 1024) }, 50);
    expect(res.status).toBe(413);
    expect(res.sentMb).toBeLessThan(50);
  });

  it('reads no more than the declared length when the client sends more', async () => {
    const before = webRssMb();
    // Node's parser takes the first 10 bytes as the body; the rest is not a request.
    const res = await upload({ 'content-length': '10' }, 20);
    expect([400, 0], `answered ${res.status}: ${res.body}`).toContain(res.status); // 400, or reset before it is read
    expect(res.peakRssMb - before).toBeLessThan(48);
  });
});

describe('the sign-in brake on the real server', () => {
  it('counts the socket address: rotating X-Forwarded-For does not buy more guesses', async () => {
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${c.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `6.6.6.${i}` },
          body: JSON.stringify({ email: 'victim@colo.test', password: `guess ${i}` }),
        }).then((r) => r.status),
      ),
    );
    expect(tries.filter((s) => s === 401)).toHaveLength(10);
    expect(tries.filter((s) => s === 429)).toHaveLength(2);
  }, 300_000);
});
