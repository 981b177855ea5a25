// Incremental reading of a followed log stream. Docker multiplexes a non-TTY container's stdout
// and stderr into 8-byte-header frames, and a stream chunk may end mid-frame or mid-line.

export type LogStreamName = 'stdout' | 'stderr';

export interface LogLine {
  stream: LogStreamName;
  line: string;
}

/** Frames in, complete lines out; keeps partial frames and partial lines between chunks. */
export class LogLineDecoder {
  private pending: Buffer = Buffer.alloc(0);
  /** Undecided until the first 8 bytes: a TTY container's stream has no frame headers. */
  private framed?: boolean;
  private partial: Record<LogStreamName, string> = { stdout: '', stderr: '' };

  push(chunk: Buffer): LogLine[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: LogLine[] = [];
    if (this.framed === undefined) {
      if (this.pending.length < 8) return out;
      this.framed = isFrameHeader(this.pending);
    }
    if (!this.framed) {
      this.text('stdout', this.pending, out);
      this.pending = Buffer.alloc(0);
      return out;
    }
    let offset = 0;
    while (offset + 8 <= this.pending.length) {
      const size = this.pending.readUInt32BE(offset + 4);
      if (offset + 8 + size > this.pending.length) break;
      const stream: LogStreamName = this.pending[offset] === 2 ? 'stderr' : 'stdout';
      this.text(stream, this.pending.subarray(offset + 8, offset + 8 + size), out);
      offset += 8 + size;
    }
    this.pending = this.pending.subarray(offset);
    return out;
  }

  /** What is left when the stream ends: a last line without its newline. */
  end(): LogLine[] {
    const out: LogLine[] = [];
    if (this.framed === false || (this.framed === undefined && this.pending.length > 0)) this.text('stdout', this.pending, out);
    this.pending = Buffer.alloc(0);
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') out.push({ stream, line: this.partial[stream] });
      this.partial[stream] = '';
    }
    return out;
  }

  private text(stream: LogStreamName, bytes: Buffer, out: LogLine[]): void {
    const parts = (this.partial[stream] + bytes.toString('utf8')).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const p of parts) out.push({ stream, line: p.endsWith('\r') ? p.slice(0, -1) : p });
  }
}

function isFrameHeader(b: Buffer): boolean {
  return b[0] <= 2 && b[1] === 0 && b[2] === 0 && b[3] === 0;
}
