import { describe, expect, it } from 'vitest';
import { LogLineDecoder } from './log-frames';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('LogLineDecoder', () => {
  it('reads stdout and stderr lines from multiplexed frames', () => {
    const d = new LogLineDecoder();
    const lines = d.push(Buffer.concat([frame(1, 'one\ntwo\n'), frame(2, 'oops\n')]));
    expect(lines).toEqual([
      { stream: 'stdout', line: 'one' },
      { stream: 'stdout', line: 'two' },
      { stream: 'stderr', line: 'oops' },
    ]);
  });

  it('keeps a frame split across chunks, byte by byte', () => {
    const d = new LogLineDecoder();
    const all = Buffer.concat([frame(1, 'héllo wörld\n'), frame(2, 'second\n')]);
    const lines = [...all].flatMap((byte) => d.push(Buffer.from([byte])));
    expect(lines.map((l) => l.line)).toEqual(['héllo wörld', 'second']);
  });

  it('joins a line written in several frames and keeps streams apart', () => {
    const d = new LogLineDecoder();
    expect(d.push(Buffer.concat([frame(1, 'par'), frame(2, 'err '), frame(1, 'tial\r\n')]))).toEqual([{ stream: 'stdout', line: 'partial' }]);
    expect(d.end()).toEqual([{ stream: 'stderr', line: 'err ' }]);
  });

  it('reads a TTY stream, which has no frame headers, as plain text', () => {
    const d = new LogLineDecoder();
    expect(d.push(Buffer.from('plain text line\nand '))).toEqual([{ stream: 'stdout', line: 'plain text line' }]);
    expect(d.push(Buffer.from('more\n'))).toEqual([{ stream: 'stdout', line: 'and more' }]);
    expect(d.push(Buffer.from('tail'))).toEqual([]);
    expect(d.end()).toEqual([{ stream: 'stdout', line: 'tail' }]);
  });

  it('gives a short unframed stream back at the end', () => {
    const d = new LogLineDecoder();
    expect(d.push(Buffer.from('hi'))).toEqual([]);
    expect(d.end()).toEqual([{ stream: 'stdout', line: 'hi' }]);
  });
});
