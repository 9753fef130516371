/**
 * Test helper: writes small tar archives in memory for the tests of this folder (not used by library code).
 */

/** A member for `buildTar`: type '0' file, '5' directory, 'L' GNU long name, 'x' pax header. */
export interface FixtureMember {
  readonly name: string;
  readonly content?: string | Buffer;
  readonly typeFlag?: '0' | '5' | '2' | 'L' | 'x';
  /** ustar prefix field (POSIX long paths). */
  readonly prefix?: string;
}

/** Writes a ustar archive (plus GNU/pax extension members when asked) — test fixture builder.
 * Each file name must fit the 100-byte name field; use `prefix`, or an 'L'/'x' member, for longer ones. */
export function buildTar(members: readonly FixtureMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const content = Buffer.from(member.content ?? '');
    const header = Buffer.alloc(512);
    header.write(member.name, 0, 100, 'utf8');
    header.write('0000644\0', 100, 'latin1');
    header.write('0000000\0', 108, 'latin1');
    header.write('0000000\0', 116, 'latin1');
    header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    header.write('00000000000\0', 136, 'latin1');
    header.write(member.typeFlag ?? '0', 156, 'latin1');
    header.write('ustar\0', 257, 'latin1');
    header.write('00', 263, 'latin1');
    if (member.prefix) header.write(member.prefix, 345, 155, 'utf8');
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
