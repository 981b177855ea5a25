// Incremental reading of a followed log stream. Docker multiplexes a non-TTY container's stdout
// and stderr into 8-byte-header frames, and a stream chunk may end mid-frame, mid-line or inside
// a UTF-8 character. Memory stays bounded whatever the container writes: a frame's payload is
// passed on as it arrives (never held whole; a header may announce 4 GiB), and a line without a
// newline is cut every `maxLineLength` characters.
import { StringDecoder } from 'node:string_decoder';

export type LogStreamName = 'stdout' | 'stderr';

export interface LogLine {
  stream: LogStreamName;
  line: string;
}

/** A longer line arrives as several pieces of at most this many characters. */
export const MAX_LOG_LINE_LENGTH = 16 * 1024;

const HEADER_BYTES = 8;

/** Frames in, complete lines out; keeps partial headers, frames and lines between chunks. */
export class LogLineDecoder {
  /** Undecided until the first 8 bytes: a TTY container's stream has no frame headers. */
  private framed?: boolean;
  /** Bytes of a header (or of the first 8 bytes) not complete yet; never more than 8. */
  private head: Buffer = Buffer.alloc(0);
  /** The frame whose payload is being read, and how many of its bytes are still to come. */
  private frame?: { stream: LogStreamName; remaining: number };
  private readonly partial: Record<LogStreamName, string> = { stdout: '', stderr: '' };
  private readonly decoders: Record<LogStreamName, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(private readonly maxLineLength = MAX_LOG_LINE_LENGTH) {}

  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    let data = chunk;
    if (this.framed === undefined) {
      this.head = Buffer.concat([this.head, data]);
      if (this.head.length < HEADER_BYTES) return out;
      this.framed = isFrameHeader(this.head);
      data = this.head;
      this.head = Buffer.alloc(0);
    }
    if (!this.framed) {
      this.text('stdout', data, out);
      return out;
    }
    let offset = 0;
    while (offset < data.length) {
      if (this.frame) {
        const n = Math.min(this.frame.remaining, data.length - offset);
        this.text(this.frame.stream, data.subarray(offset, offset + n), out);
        this.frame.remaining -= n;
        offset += n;
        if (this.frame.remaining === 0) this.frame = undefined;
        continue;
      }
      const need = HEADER_BYTES - this.head.length;
      const take = data.subarray(offset, offset + need);
      this.head = this.head.length === 0 ? Buffer.from(take) : Buffer.concat([this.head, take]);
      offset += take.length;
      if (this.head.length < HEADER_BYTES) break;
      const size = this.head.readUInt32BE(4);
      const stream: LogStreamName = this.head[0] === 2 ? 'stderr' : 'stdout';
      this.head = Buffer.alloc(0);
      if (size > 0) this.frame = { stream, remaining: size };
    }
    return out;
  }

  /** What is left when the stream ends: a last line without its newline. */
  end(): LogLine[] {
    const out: LogLine[] = [];
    if (this.framed !== true && this.head.length > 0) this.text('stdout', this.head, out);
    this.head = Buffer.alloc(0);
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      if (rest !== '') out.push({ stream, line: rest });
      this.partial[stream] = '';
    }
    return out;
  }

  private text(stream: LogStreamName, bytes: Buffer, out: LogLine[]): void {
    const parts = (this.partial[stream] + this.decoders[stream].write(bytes)).split('\n');
    let rest = parts.pop() ?? '';
    for (const p of parts) this.emit(stream, p.endsWith('\r') ? p.slice(0, -1) : p, out);
    // A line that never ends is passed on in pieces rather than held.
    while (rest.length > this.maxLineLength) {
      out.push({ stream, line: rest.slice(0, this.maxLineLength) });
      rest = rest.slice(this.maxLineLength);
    }
    this.partial[stream] = rest;
  }

  private emit(stream: LogStreamName, line: string, out: LogLine[]): void {
    if (line.length <= this.maxLineLength) {
      out.push({ stream, line });
      return;
    }
    for (let i = 0; i < line.length; i += this.maxLineLength) out.push({ stream, line: line.slice(i, i + this.maxLineLength) });
  }
}

function isFrameHeader(b: Buffer): boolean {
  return b[0] <= 2 && b[1] === 0 && b[2] === 0 && b[3] === 0;
}
