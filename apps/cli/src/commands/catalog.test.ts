import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const term = (name: string, protocol: string) => ({ name, protocol, clientEnv: {} });
const answer = {
  classes: [
    { id: 'halb', version: 1, title: 'HTTP load balancer', terminals: { inputs: [term('in', 'http'), term('stats', 'http')], outputs: [term('out', 'http')] } },
    { id: 'postgres', version: 2, title: 'PostgreSQL', terminals: { inputs: [term('in', 'pgsql')], outputs: [] } },
  ],
  assemblies: [{ id: 'lamp-cluster', title: 'LAMP cluster', description: 'A load balancer, three PHP web servers,\na NAS and PostgreSQL', manifest: {} }],
};

describe('colo catalog', () => {
  it('lists classes with their terminals, then assemblies', async () => {
    server = await startFakeColo({ 'GET /catalog': { body: answer } });
    const res = await runCli(['catalog'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'CLASS     VERSION  TITLE               TERMINALS (inputs → outputs)',
        'halb      1        HTTP load balancer  in:http, stats:http → out:http',
        'postgres  2        PostgreSQL          in:pgsql',
        '',
        'ASSEMBLY      TITLE         DESCRIPTION',
        'lamp-cluster  LAMP cluster  A load balancer, three PHP web servers, a NAS and PostgreSQL',
        '',
      ].join('\n'),
    );
    expect(server.calls()).toEqual(['GET /catalog']);
  });

  it('passes the answer through with --json', async () => {
    server = await startFakeColo({ 'GET /catalog': { body: answer } });
    expect(JSON.parse((await runCli(['catalog', '--json'], { server })).stdout)).toEqual(answer);
  });
});
