/**
 * The gateway's answers serialised straight into UTF-8 bytes, for the HTTP layer to write as they are.
 *
 * Apollo Server wants `stringifyResult` to return a string, and the kit's HTTP handler encodes that
 * string to bytes. The subgraphs return ASCII (kit `asciiJson`) so that the string is a one-byte string
 * (a two-byte one of 64 K characters or more is a large-object allocation, see kit ascii-json.ts). For
 * the gateway the escaping is most of the work after `JSON.stringify` itself: on the leaders' joined
 * view of 50 projects (28 K characters, a bidder's name in every bid), 0.38–0.48 CPU ms for `asciiJson`
 * and the encoding against 0.28–0.31 ms here; at 100 projects 0.96 against 0.74–0.79.
 *
 * How: the levels above the lists are walked, each list element written by V8's `JSON.stringify` as
 * `asciiJson` does (small pieces, never a large string), and every piece written into one byte buffer
 * as UTF-8. The string handed to Apollo Server is those bytes read as Latin-1 (one byte a character,
 * a one-byte string), and the bytes wait in a short list for the HTTP layer: {@link encode} gives
 * them back for that string, and encodes any other string (Apollo Server's own error bodies) as UTF-8.
 * A string never written (a request that failed after its answer was serialised) is dropped from the
 * list after a minute.
 */
export class AnswerBytes {
  private pending: { text: string; bytes: Buffer; at: number }[] = [];

  /** Apollo Server's `stringifyResult`. */
  readonly stringify = (value: unknown): string => {
    const pieces: string[] = [];
    // JSON.stringify(undefined) is undefined; Apollo only passes results, but keep the contract.
    if (!write(value, pieces)) return undefined as unknown as string;
    let worst = 0;
    for (const piece of pieces) worst += piece.length;
    // A UTF-16 code unit is at most three bytes of UTF-8 (a surrogate pair, two units, is four).
    const buffer = Buffer.allocUnsafe(worst * 3);
    let length = 0;
    for (const piece of pieces) length += buffer.write(piece, length, 'utf8');
    const bytes = buffer.subarray(0, length);
    const text = bytes.toString('latin1');
    const now = performance.now();
    if (this.pending.length > 0 && now - this.pending[0].at > 60_000) this.pending = this.pending.filter((p) => now - p.at <= 60_000);
    this.pending.push({ text, bytes, at: now });
    return text;
  };

  /** The bytes to send for a body Apollo Server returned: ours as serialised, any other string as UTF-8. */
  readonly encode = (text: string): Buffer => {
    // Identity first: the string written is the very one serialised, so the comparison stops at the pointer.
    const index = this.pending.findIndex((p) => p.text === text);
    if (index < 0) return Buffer.from(text, 'utf8');
    const [{ bytes }] = this.pending.splice(index, 1);
    return bytes;
  };

  /** Serialised answers not written yet (for tests). */
  get waiting(): number {
    return this.pending.length;
  }
}

/** Writes the value's JSON as pieces; false for what JSON.stringify leaves out (undefined, functions, symbols). */
function write(value: unknown, out: string[]): boolean {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') return native(value, out);
  if (value instanceof String || value instanceof Number || value instanceof Boolean) return native(value, out);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out.push(',');
      if (!native(value[i], out)) out.push('null');
    }
    out.push(']');
    return true;
  }
  let separator = '{';
  for (const key of Object.keys(value)) {
    let item = (value as Record<string, unknown>)[key];
    // toJSON first: a member whose toJSON gives undefined is left out, as JSON.stringify does.
    if (item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function')
      item = (item as { toJSON: (key: string) => unknown }).toJSON(key);
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out.push(separator);
    native(key, out);
    out.push(':');
    write(item, out);
    separator = ',';
  }
  out.push(separator === '{' ? '{}' : '}');
  return true;
}

function native(value: unknown, out: string[]): boolean {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return false;
  out.push(json);
  return true;
}
