/**
 * Reads a body stream (a request's or a peer's answer), stopping as soon as it passes `maxBytes`:
 * a declared length is checked first, then every chunk is counted as it arrives, so neither a
 * client nor a peer can make us buffer more than the cap. `tooLarge` makes the error thrown.
 */
/** A web stream, from the runtime's fetch or undici's: only what reading needs. */
type ByteStream = {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
  cancel(): Promise<void>;
};

export async function readCappedStream(
  body: ByteStream | null,
  declaredLength: string | null,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  if (declaredLength !== null && Number(declaredLength) > maxBytes) {
    void body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    total += value.byteLength;
    // Stop reading (and drop the connection) rather than buffer what the other side keeps sending.
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
