import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, type RecordedRequest, startFakeColo } from '../../test/fake-colo';
import { pipeStdio, runCli } from '../../test/run-cli';
import type { ExecStdio } from '../exec-stdio';

let server: FakeColo;
afterEach(() => server?.close());

const OPENED = { status: 201, body: { id: 'term_abc', title: 'web replica 2 of shop (colo-shop-web-2)', replica: 2, container: 'colo-shop-web-2' } };
const b64 = (text: string) => JSON.stringify(Buffer.from(text, 'utf8').toString('base64'));
const sse = (...events: [string, string][]) => events.map(([event, data]) => `event: ${event}\ndata: ${data}\n\n`).join('');

/** A fake Colo whose terminal answers once `ready(inputs)` says so, with `events`. */
async function fakeTerminal(events: (inputs: unknown[]) => [string, string][], ready: (inputs: unknown[]) => boolean = () => true) {
  const inputs: unknown[] = [];
  let wake = () => {};
  server = await startFakeColo({
    'POST /vdcs/:name/appliances/:appliance/terminal': OPENED,
    'POST /terminals/:id/input': (req: RecordedRequest) => {
      inputs.push(req.body);
      wake();
      return { body: { id: 'term_abc', bytes: 1 } };
    },
    'POST /terminals/:id/resize': (req: RecordedRequest) => ({ body: { id: 'term_abc', ...(req.body as object) } }),
    'DELETE /terminals/:id': { body: { id: 'term_abc', closed: true } },
    'GET /terminals/:id': async () => {
      while (!ready(inputs)) await new Promise<void>((r) => (wake = r));
      return { raw: sse(['ready', '{"id":"term_abc","title":"t"}'], ...events(inputs)) };
    },
  });
  return inputs;
}

describe('colo exec', () => {
  it('runs a command in replica N without a TTY: output as written, stdin to its end, the exit status passed on', async () => {
    const inputs = await fakeTerminal(
      () => [
        ['output', b64('line one\nline two\n')],
        ['closed', '{"reason":"the shell exited with status 3","exitCode":3}'],
      ],
      (sent) => sent.some((b) => (b as { eof?: boolean }).eof),
    );
    const res = await runCli(['exec', 'shop', 'web/2', '--', 'sh', '-c', 'cat; exit 3'], { server, stdin: 'hello\n' });
    expect(res).toEqual({ code: 3, stdout: 'line one\nline two\n', stderr: '' });
    const open = server.requests.find((r) => r.path === '/vdcs/shop/appliances/web/terminal');
    expect(open?.body).toEqual({ cols: 80, rows: 24, tty: false, replica: 2, command: ['sh', '-c', 'cat; exit 3'] });
    expect(inputs).toEqual([{ data: 'hello\n' }, { eof: true }]);
    // The program ended by itself: nothing left to hang up.
    expect(server.calls()).not.toContain('DELETE /terminals/term_abc');
  });

  it('gives a terminal a TTY: raw mode while it runs, resizes passed on, no replica or command unless told', async () => {
    let resized = () => {};
    const raw: boolean[] = [];
    let size = { cols: 120, rows: 40 };
    const stdio: ExecStdio = {
      isTTY: true,
      size: () => size,
      onResize(listener) {
        resized = listener;
        return () => {};
      },
      setRaw: (on) => raw.push(on),
      write: (bytes) => written.push(Buffer.from(bytes).toString('utf8')),
      onInput(listener) {
        setTimeout(() => {
          size = { cols: 100, rows: 30 };
          resized();
          listener(Buffer.from('hostname\r'));
          // stdin ending means nothing to a program on a TTY
          listener(null);
        }, 0);
        return () => {};
      },
    };
    const written: string[] = [];
    const inputs = await fakeTerminal(
      () => [
        ['output', b64('hostname\r\nweb-2\r\n')],
        ['closed', '{"reason":"the shell exited with status 0","exitCode":0}'],
      ],
      (sent) => sent.length > 0,
    );
    const res = await runCli(['exec', 'shop', 'web'], { server, stdio });
    expect(res.code).toBe(0);
    expect(written.join('')).toBe('hostname\r\nweb-2\r\n');
    expect(raw).toEqual([true, false]);
    expect(server.requests[0].body).toEqual({ cols: 120, rows: 40, tty: true });
    expect(inputs).toEqual([{ data: 'hostname\r' }]);
    await expect.poll(() => server.requests.find((r) => r.path === '/terminals/term_abc/resize')?.body).toEqual({ cols: 100, rows: 30 });
  });

  it('says why a terminal closed without the program, exits 255 and hangs up a stream that just ended', async () => {
    await fakeTerminal(() => [['closed', '{"reason":"closed: the session or API token that opened it ended","exitCode":null}']]);
    const res = await runCli(['exec', 'shop', 'web', '--', 'sleep', '100'], { server });
    expect(res).toEqual({ code: 255, stdout: '', stderr: 'error: the terminal closed: closed: the session or API token that opened it ended\n' });

    server.route('GET /terminals/:id', { raw: sse(['ready', '{"id":"term_abc","title":"t"}'], ['output', b64('partial')]) });
    const cut = await runCli(['exec', 'shop', 'web', '--', 'cat'], { server });
    expect(cut).toMatchObject({ code: 255, stdout: 'partial', stderr: 'error: the terminal closed: the connection to Colo ended\n' });
    expect(server.calls()).toContain('DELETE /terminals/term_abc');
  });

  it('hangs the program up on Ctrl-C and exits 130', async () => {
    let deleted = () => {};
    const hungUp = new Promise<void>((r) => (deleted = r));
    server = await startFakeColo({
      'POST /vdcs/:name/appliances/:appliance/terminal': OPENED,
      'DELETE /terminals/:id': () => {
        deleted();
        return { body: { id: 'term_abc', closed: true } };
      },
      'GET /terminals/:id': async () => {
        await hungUp;
        return { raw: sse(['ready', '{"id":"term_abc","title":"t"}'], ['output', b64('tick\n')], ['closed', '{"reason":"closed by you","exitCode":null}']) };
      },
    });
    const stdio = { ...pipeStdio('', () => {}), onInterrupt: (listener: () => void) => (setTimeout(listener, 10), () => {}) };
    const res = await runCli(['exec', 'shop', 'web', '--', 'tail', '-f', '/var/log/app.log'], { server, stdio });
    expect(res.code).toBe(130);
    // Hung up once, by the interrupt: the stream's `closed` then needs no second DELETE.
    expect(server.calls().filter((c) => c.startsWith('DELETE'))).toEqual(['DELETE /terminals/term_abc']);
  });

  it("reports the server's refusal (a read token, a stopped replica) and bad targets as usage errors", async () => {
    server = await startFakeColo({
      'POST /vdcs/:name/appliances/:appliance/terminal': apiError(400, 'bad_request', 'replica 2 of web in VDC "shop" is exited, not running: start it first'),
    });
    expect(await runCli(['exec', 'shop', 'web/2'], { server })).toMatchObject({
      code: 1,
      stderr: 'error: replica 2 of web in VDC "shop" is exited, not running: start it first\n',
    });
    for (const target of ['web/0', 'web/x', 'web/2/3', '/2']) {
      const res = await runCli(['exec', 'shop', target], { server });
      expect(res.code, target).toBe(2);
      expect(res.stderr).toContain(`"${target}" is not APPLIANCE or APPLIANCE/N (a replica from 1)`);
    }
    expect((await runCli(['exec', 'shop'], { server })).stderr).toContain('missing APPLIANCE[/N]');
    expect(server.requests).toHaveLength(1);
  });
});
