// Is a host port free? Answered by trying to bind it for a moment on the publish address. This
// only tells the truth when this process runs on the Docker host (scripts/up.sh); it sits behind
// `HostPortProbe` so a multi-host setup can answer from the host that will publish the port.
import { createServer } from 'node:net';

export type HostPortState = 'free' | 'in_use' | 'unknown';

export interface HostPortProbe {
  /** `unknown` when this process cannot tell (e.g. the address is not one of this machine's). */
  check(host: string, port: number): Promise<HostPortState>;
}

/** Binds and closes at once; EADDRINUSE means some socket on this host holds the port. */
export const bindProbe: HostPortProbe = {
  check(host, port) {
    return new Promise((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE' ? 'in_use' : 'unknown'));
      server.listen({ host, port, exclusive: true }, () => server.close(() => resolve('free')));
    });
  },
};

/** For setups where the probe would look at the wrong host (Colo itself in a container). */
export const noProbe: HostPortProbe = { check: async () => 'unknown' };

let current: HostPortProbe | undefined;

export function hostPortProbe(probeSetting: 'bind' | 'off'): HostPortProbe {
  return current ?? (probeSetting === 'off' ? noProbe : bindProbe);
}

/** Tests and other deployments replace the probe; `undefined` restores the configured one. */
export function setHostPortProbe(probe: HostPortProbe | undefined): void {
  current = probe;
}
