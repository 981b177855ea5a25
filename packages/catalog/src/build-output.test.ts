import { describe, expect, it } from 'vitest';
import { BuildOutput } from './build-output';

const line = (msg: object) => `${JSON.stringify(msg)}\n`;

describe('BuildOutput', () => {
  it('reassembles messages split across chunks and reports steps and lines', () => {
    const text =
      line({ stream: 'Step 1/3 : FROM debian:bookworm-slim\n' }) +
      line({ stream: ' ---> 216a3668df04\n' }) +
      line({ stream: 'Step 2/3 : RUN apt-get update\n' }) +
      line({ stream: 'Get:1 http://deb.debian.org/debian bookworm InRelease' }) +
      line({ stream: ' [151 kB]\n' }) +
      line({ aux: { ID: 'sha256:abc' } });
    const out = new BuildOutput();
    const events = [];
    for (let i = 0; i < text.length; i += 7) events.push(...out.push(Buffer.from(text.slice(i, i + 7))));
    events.push(...out.end());

    expect(events.filter((e) => e.step).map((e) => e.step)).toEqual(['1/3 : FROM debian:bookworm-slim', '2/3 : RUN apt-get update']);
    expect(events.filter((e) => e.line).map((e) => e.line)).toContain('Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]');
    expect(out.imageId).toBe('sha256:abc');
    expect(out.error).toBeUndefined();
  });

  it('keeps the failing step, the error and the last lines', () => {
    const out = new BuildOutput(2);
    out.push(line({ stream: 'Step 3/5 : RUN make\n' }) + line({ stream: 'cc -o x x.c\n\u001b[91mx.c:1: error\n\u001b[0m' }));
    out.push(line({ errorDetail: { code: 2, message: "The command '/bin/sh -c make' returned a non-zero code: 2" }, error: 'x' }));
    expect(out.step).toBe('3/5 : RUN make');
    expect(out.error).toBe("The command '/bin/sh -c make' returned a non-zero code: 2");
    expect(out.tail).toEqual(['cc -o x x.c', 'x.c:1: error']);
  });
});
