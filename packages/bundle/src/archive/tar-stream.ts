// Reading and writing tar (ustar, with the PAX and GNU long-name records Docker and GNU tar
// write), streamed: a parser fed chunk by chunk that returns what each chunk completed, never
// holding more than one header. Pure: the caller brings the bytes and takes them away.

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo' | 'other';

export interface TarHeader {
  /** As recorded (a PAX `path` or GNU long name wins over the header's own). */
  name: string;
  type: TarEntryType;
  /** The raw type flag, for messages. */
  flag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
}

export type TarEvent = { kind: 'entry'; header: TarHeader } | { kind: 'data'; chunk: Uint8Array } | { kind: 'entry-end' };

export class TarError extends Error {}

const BLOCK = 512;
/** PAX and GNU long-name records are read whole: bounded so a hostile one holds nothing big. */
const MAX_META_BYTES = 1024 * 1024;

function text(block: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return Buffer.from(block.subarray(start, end)).toString('utf8');
}

/** An octal field, or GNU's base-256 (high bit set) for sizes past 8 GiB. */
function numeric(block: Uint8Array, start: number, length: number, what: string): number {
  if ((block[start] & 0x80) !== 0) {
    let value = block[start] & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i];
    if (!Number.isSafeInteger(value)) throw new TarError(`an entry's ${what} is too large to read`);
    return value;
  }
  const raw = text(block, start, length).trim();
  if (raw === '') return 0;
  if (!/^[0-7]+$/.test(raw)) throw new TarError(`an entry's ${what} is not a number ("${raw.slice(0, 20)}")`);
  return Number.parseInt(raw, 8);
}

function checksumOk(block: Uint8Array): boolean {
  const recorded = numeric(block, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  return sum === recorded;
}

function typeOf(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
    case '':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    case '3':
      return 'char-device';
    case '4':
      return 'block-device';
    case '6':
      return 'fifo';
    default:
      return 'other';
  }
}

/** `key=value` records of a PAX header: `<length> <key>=<value>\n`. */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number.parseInt(data.subarray(at, space).toString('ascii'), 10);
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > data.length) throw new TarError('a PAX header is malformed');
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

type Meta = { kind: 'pax' | 'global' | 'long-name' | 'long-link'; size: number; parts: Buffer[]; got: number };

/** A push parser: `push` returns the events each chunk completes; `end` checks nothing was cut off. */
export class TarParser {
  private pending = Buffer.alloc(0);
  /** Bytes of the current entry's body still to come, then its padding. */
  private body = 0;
  private padding = 0;
  private meta?: Meta;
  private pax = new Map<string, string>();
  private longName?: string;
  private longLink?: string;
  private zeroBlocks = 0;
  private finished = false;

  push(chunk: Uint8Array): TarEvent[] {
    const events: TarEvent[] = [];
    let input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (input.length > 0) {
      if (this.finished) return events; // what follows the end blocks is ignored, as tar does
      if (this.body > 0) {
        const take = Math.min(this.body, input.length);
        const part = input.subarray(0, take);
        input = input.subarray(take);
        this.body -= take;
        if (this.meta) {
          this.meta.parts.push(Buffer.from(part));
          this.meta.got += take;
        } else {
          events.push({ kind: 'data', chunk: part });
        }
        if (this.body === 0) this.bodyDone(events);
        continue;
      }
      if (this.padding > 0) {
        const take = Math.min(this.padding, input.length);
        input = input.subarray(take);
        this.padding -= take;
        continue;
      }
      const need = BLOCK - this.pending.length;
      const take = Math.min(need, input.length);
      this.pending = Buffer.concat([this.pending, input.subarray(0, take)]);
      input = input.subarray(take);
      if (this.pending.length < BLOCK) break;
      const block = this.pending;
      this.pending = Buffer.alloc(0);
      this.header(block, events);
    }
    return events;
  }

  /** Throws when the stream stopped inside an entry. A missing end marker is tolerated after a whole entry. */
  end(): void {
    if (this.body > 0 || this.pending.length > 0 || this.meta) throw new TarError('the archive ends in the middle of an entry (it is truncated)');
  }

  private header(block: Buffer, events: TarEvent[]): void {
    if (block.every((b) => b === 0)) {
      this.zeroBlocks++;
      if (this.zeroBlocks >= 2) this.finished = true;
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(block)) throw new TarError('an entry header is damaged (its checksum does not match): this is not a tar archive, or it was changed');
    const flag = String.fromCharCode(block[156]);
    const size = numeric(block, 124, 12, 'size');
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > MAX_META_BYTES) throw new TarError('an extended header is over 1 MiB');
      const kind = flag === 'x' ? 'pax' : flag === 'g' ? 'global' : flag === 'L' ? 'long-name' : 'long-link';
      this.meta = { kind, size, parts: [], got: 0 };
      this.body = size;
      if (size === 0) this.bodyDone(events);
      return;
    }
    const magic = text(block, 257, 6);
    const prefix = magic.startsWith('ustar') ? text(block, 345, 155) : '';
    const ownName = prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100);
    const type = typeOf(flag);
    const paxSize = this.pax.get('size');
    const header: TarHeader = {
      name: this.pax.get('path') ?? this.longName ?? ownName,
      type,
      flag,
      size: paxSize !== undefined ? Number(paxSize) : size,
      mode: numeric(block, 100, 8, 'mode'),
      uid: this.pax.has('uid') ? Number(this.pax.get('uid')) : numeric(block, 108, 8, 'uid'),
      gid: this.pax.has('gid') ? Number(this.pax.get('gid')) : numeric(block, 116, 8, 'gid'),
      linkname: this.pax.get('linkpath') ?? this.longLink ?? text(block, 157, 100),
    };
    if (!Number.isSafeInteger(header.size) || header.size < 0) throw new TarError(`entry ${header.name} has an unreadable size`);
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    // Links and directories carry no body whatever their size field says (as tar reads them).
    const carries = type === 'file' || type === 'other';
    this.body = carries ? header.size : 0;
    this.padding = carries ? (BLOCK - (header.size % BLOCK)) % BLOCK : 0;
    events.push({ kind: 'entry', header });
    if (this.body === 0) events.push({ kind: 'entry-end' });
  }

  private bodyDone(events: TarEvent[]): void {
    const meta = this.meta;
    if (!meta) {
      events.push({ kind: 'entry-end' });
      return;
    }
    this.meta = undefined;
    const data = Buffer.concat(meta.parts, meta.got);
    if (meta.kind === 'pax') this.pax = paxRecords(data);
    else if (meta.kind === 'long-name') this.longName = data.toString('utf8').replace(/\0+$/, '');
    else if (meta.kind === 'long-link') this.longLink = data.toString('utf8').replace(/\0+$/, '');
    // A global header's defaults are not used by anything Colo checks.
  }
}

/** The events of a whole stream, in order; throws TarError on a malformed or truncated one. */
export async function* tarEvents(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarEvent> {
  const parser = new TarParser();
  for await (const chunk of source) yield* parser.push(chunk);
  parser.end();
}

function writeText(block: Buffer, value: string, start: number, length: number): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new TarError(`"${value}" does not fit a tar header field`);
  bytes.copy(block, start);
}

function writeOctal(block: Buffer, value: number, start: number, length: number): void {
  writeText(block, `${value.toString(8).padStart(length - 1, '0')}\0`, start, length);
}

export interface TarHeaderSpec {
  name: string;
  size?: number;
  /** A ustar type flag: `0` file (the default), `5` directory, `2` symlink, `1` hard link… */
  flag?: string;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
}

/** A ustar header (sizes up to 8 GiB); names longer than 100 bytes use the prefix field. */
export function tarHeader(spec: TarHeaderSpec): Buffer {
  const { name, size = 0, flag = '0', linkname = '', mode = 0o644, uid = 0, gid = 0, mtime = new Date(0) } = spec;
  if (size >= 8 * 1024 ** 3) throw new TarError(`${name} is over 8 GiB, more than one archive entry holds`);
  const block = Buffer.alloc(BLOCK);
  let base = name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0) throw new TarError(`the name ${name} is too long for an archive entry`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  writeText(block, base, 0, 100);
  writeOctal(block, mode, 100, 8);
  writeOctal(block, uid, 108, 8);
  writeOctal(block, gid, 116, 8);
  writeOctal(block, size, 124, 12);
  writeOctal(block, Math.floor(mtime.getTime() / 1000), 136, 12);
  block.fill(0x20, 148, 156);
  block[156] = flag.charCodeAt(0);
  writeText(block, linkname, 157, 100);
  writeText(block, 'ustar\0', 257, 6);
  writeText(block, '00', 263, 2);
  writeText(block, prefix, 345, 155);
  let sum = 0;
  for (const b of block) sum += b;
  writeText(block, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/** A ustar header of a regular file. */
export function tarFileHeader(name: string, size: number, mtime: Date = new Date(0)): Buffer {
  return tarHeader({ name, size, mtime });
}

/** The zero bytes that bring an entry of `size` bytes to a whole block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The two zero blocks that end an archive. */
export const TAR_END = Buffer.alloc(2 * BLOCK);
