// The client address sign-in counts failures by. A client talking to Next directly can write any
// X-Forwarded-For it likes (Next only fills the header in when it is missing), so that header is
// believed only when COLO_TRUST_PROXY says a proxy in front appends to it. Otherwise the address
// is the socket's own, which instrumentation.ts copies into PEER_HEADER before Next sees the
// request (replacing any the client sent).
import { type IncomingMessage, Server } from 'node:http';
import { webSettings } from './env';

export const PEER_HEADER = 'x-colo-peer';

const holder = globalThis as typeof globalThis & { __coloPeerHeader?: boolean };

/** Makes every request the HTTP server takes carry its socket address in PEER_HEADER (see instrumentation.ts). */
export function stampPeerAddress(server: { prototype: { emit: (event: string, ...args: unknown[]) => boolean } } = Server): void {
  if (holder.__coloPeerHeader) return;
  const emit = server.prototype.emit;
  server.prototype.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
    }
    return emit.call(this, event, ...args);
  };
  trustPeerHeader();
}

/** PEER_HEADER is now the server's own word (tests that build requests by hand call this too). */
export function trustPeerHeader(): void {
  holder.__coloPeerHeader = true;
}

/** Made safe for a Redis key; undefined when the address cannot be known. */
export function clientIp(req: Request, settings = webSettings()): string | undefined {
  let address: string | undefined;
  if (settings.COLO_TRUST_PROXY) {
    // The proxy appended what it saw: the last entry. Earlier ones are the client's own claims.
    const entries = req.headers.get('x-forwarded-for')?.split(',') ?? [];
    address = entries[entries.length - 1]?.trim();
  } else if (holder.__coloPeerHeader) {
    address = req.headers.get(PEER_HEADER)?.trim();
  }
  return address ? address.slice(0, 64).replace(/[^0-9a-fA-F:.]/g, '_') : undefined;
}
