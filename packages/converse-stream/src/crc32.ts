import zlib from 'node:zlib';

type Crc32 = (data: Uint8Array) => number;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  return table;
}

/** Table-driven CRC32 (IEEE) of `data[start, end)`; for a few bytes it beats a view plus a native call. */
export function crc32Range(data: Uint8Array, start: number, end: number): number {
  const t = crcTable();
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = t[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Table-driven CRC32 (IEEE) for Node releases before 20.15, which lack `zlib.crc32`. */
function crc32Js(data: Uint8Array): number {
  return crc32Range(data, 0, data.length);
}

const native = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** CRC32 as the event-stream framing uses it (native when Node has it). */
export const crc32: Crc32 = typeof native === 'function' ? native : crc32Js;
export { crc32Js as crc32Portable };
