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

describe('LogLineDecoder under a hostile container', () => {
  it('cuts a line that never ends into pieces instead of holding it', () => {
    const d = new LogLineDecoder(100);
    const out: { line: string }[] = [];
    // 10 MB without a newline, in 64 KiB frames: nothing grows past the cap.
    const chunk = frame(1, 'x'.repeat(64 * 1024));
    for (let i = 0; i < 160; i++) out.push(...d.push(chunk));
    expect(out.length).toBeGreaterThan(100_000);
    expect(out.every((l) => l.line.length === 100)).toBe(true);
    expect(d.end()[0].line.length).toBeLessThanOrEqual(100);
  });

  it('passes a huge announced frame on as it arrives', () => {
    const d = new LogLineDecoder(1000);
    const header = Buffer.alloc(8);
    header[0] = 1;
    header.writeUInt32BE(0xffffffff, 4);
    expect(d.push(header)).toEqual([]);
    expect(d.push(Buffer.from('first\nsecond\n'))).toEqual([
      { stream: 'stdout', line: 'first' },
      { stream: 'stdout', line: 'second' },
    ]);
  });

  it('splits a long complete line too, and keeps multibyte characters whole across chunks', () => {
    const d = new LogLineDecoder(4);
    expect(d.push(frame(2, 'abcdefghij\n')).map((l) => l.line)).toEqual(['abcd', 'efgh', 'ij']);
    const euro = Buffer.from('€\n');
    const header = Buffer.alloc(8);
    header[0] = 1;
    header.writeUInt32BE(euro.length, 4);
    const lines = [...Buffer.concat([header, euro])].flatMap((b) => d.push(Buffer.from([b])));
    expect(lines).toEqual([{ stream: 'stdout', line: '€' }]);
  });
});
