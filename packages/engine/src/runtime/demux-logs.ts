// Docker multiplexes stdout and stderr of a non-TTY container into 8-byte-header frames.

/** The text of a multiplexed log buffer (or the buffer itself when it is not multiplexed). */
export function demuxLogs(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset];
    if (stream > 2 || buffer[offset + 1] !== 0 || buffer[offset + 2] !== 0 || buffer[offset + 3] !== 0) {
      return buffer.toString('utf8');
    }
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  if (offset < buffer.length && parts.length === 0) return buffer.toString('utf8');
  return Buffer.concat(parts).toString('utf8');
}
