import { describe, expect, it } from 'vitest';
import { demuxLogs } from './demux-logs';

function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('demuxLogs', () => {
  it('joins stdout and stderr frames in order', () => {
    expect(demuxLogs(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more\n')]))).toBe('out\nerr\nmore\n');
  });

  it('returns plain text as it is', () => {
    expect(demuxLogs(Buffer.from('hello world\n'))).toBe('hello world\n');
    expect(demuxLogs(Buffer.alloc(0))).toBe('');
  });
});
