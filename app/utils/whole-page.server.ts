import { Writable } from "node:stream";

/** The size of React's output buffer (react-dom/server's VIEW_SIZE). */
const VIEW_SIZE = 2048;

/**
 * React 18's streaming renderer, when a character does not fit in the last bytes of its 2 KiB
 * buffer, writes the whole buffer anyway: the unfilled bytes go out as NUL (react-dom 18.3.1,
 * `writeStringChunk`; fixed in React 19). Every Cyrillic letter is two bytes, so about every other
 * Russian or Kyrgyz page had one NUL in a word — dropped by the browser in text, shown as "�" in an
 * attribute. A full buffer that ends in NULs is such a buffer: its tail is cut off (a character is
 * at most four bytes, so at most three). React never writes a NUL of its own: nothing stored or
 * typed here can hold one.
 */
export function withoutBufferTail(chunk: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (chunk.byteLength !== VIEW_SIZE) return chunk;
  let end = chunk.byteLength;
  while (end > chunk.byteLength - 3 && chunk[end - 1] === 0) end--;
  return end === chunk.byteLength ? chunk : chunk.subarray(0, end);
}

/** A stream that collects React's output into one body (decision 043) and hands it over at the end. */
export function wholePage(onBody: (body: Buffer<ArrayBuffer>) => void): Writable {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  return new Writable({
    write(chunk: Uint8Array<ArrayBuffer>, _encoding, done) {
      chunks.push(withoutBufferTail(chunk));
      done();
    },
    final(done) {
      onBody(Buffer.concat(chunks));
      done();
    },
  });
}
