// A ustar archive of a few small files, for Docker's putArchive: the mounter's key and
// known_hosts, written with the owner and mode ssh insists on (root, 0600) before it starts.

export interface TarFile {
  name: string;
  data: string;
  mode: number;
}

export function smallTar(files: TarFile[]): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    const data = Buffer.from(file.data);
    const header = Buffer.alloc(512);
    header.write(file.name, 0, 100, 'utf8');
    header.write(octal(file.mode, 7), 100);
    header.write(octal(0, 7), 108); // uid
    header.write(octal(0, 7), 116); // gid
    header.write(octal(data.length, 11), 124);
    header.write(octal(0, 11), 136); // mtime
    header.fill(' ', 148, 156); // the checksum counts itself as spaces
    header.write('0', 156); // a regular file
    header.write('ustar\u000000', 257);
    const sum = header.reduce((total, byte) => total + byte, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width, '0')}\u0000`;
}
