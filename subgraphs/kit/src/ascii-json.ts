/**
 * `JSON.stringify` whose output is ASCII only: every character above U+007E is written as a `\uXXXX`
 * escape, which any JSON parser reads back to the same text. Apollo Server's `stringifyResult` for
 * every subgraph and the gateway.
 *
 * Why ASCII: one Chinese character (a company's name) makes `JSON.stringify`'s whole answer a two-byte
 * string, which V8 returns in pieces and flattens on first use (`res.end` measuring its byte length);
 * from 64 K characters (128 KB) that flat copy goes to V8's large-object space, a fresh memory mapping
 * each time, and the gateway decoding the answer makes another one. A large-object allocation cost
 * 1.5–3 ms on the benchmark machine, several per request on the joined view of 100 projects: the
 * sender's flatten and byte count took about a fifth of the projects subgraph's CPU there. An ASCII
 * answer is a one-byte string (half the memory, so large objects only from 128 K characters), and
 * decodes to one at the gateway.
 *
 * How: the levels above the lists (`data`, `projects`, …) are walked here; each element of a list —
 * a row, a few hundred bytes to a few kilobytes — is written by V8's own `JSON.stringify`, small enough
 * never to be a large object, and a row that holds a character above U+007E is escaped by one pass over
 * its characters into a byte buffer read back as Latin-1, which makes a one-byte string. The pieces are
 * then copied into one byte buffer, read back the same way. A walk in JavaScript of every key and value
 * (this module's first version) took 4–7 ms in the gateway for a page of 100 projects (108 KB), where
 * `JSON.stringify` of the same object took 0.6–0.8 ms.
 */
export function asciiJson(value: unknown): string {
  const out: string[] = [];
  // JSON.stringify(undefined) (or of a function) is undefined; Apollo only passes results, but keep the contract.
  return (write(value, out) ? concat(out) : undefined) as string;
}

/**
 * The pieces, all ASCII, joined through one byte buffer read back as Latin-1: a one-byte string
 * whatever the pieces' own representation. `Array.prototype.join` over the same 217 pieces of the
 * joined view at 100 projects took 3.5–4.5 ms in the gateway, the buffer 0.1 ms: one two-byte piece
 * (a row V8 built two-byte although it is ASCII) makes join build a two-byte answer, twice the size,
 * from 64 K characters a large-object allocation.
 */
function concat(pieces: string[]): string {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const piece of pieces) at += bytes.write(piece, at, 'latin1');
  return bytes.toString('latin1', 0, at);
}

const BEYOND_ASCII = /[\u007f-\uffff]/;

/** Writes the value's JSON; false for what JSON.stringify leaves out (undefined, functions, symbols). */
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

/** One value by JSON.stringify, escaped to ASCII when it is not already. */
function native(value: unknown, out: string[]): boolean {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return false;
  out.push(BEYOND_ASCII.test(json) ? escapeBeyondAscii(json) : json);
  return true;
}

const HEX = '0123456789abcdef';

/** Runs of characters above U+007E; what lies between them is copied to the bytes as it is. */
const BEYOND_ASCII_RUN = /[\u007f-\uffff]+/g;

/** The escape's working buffer, reused (rows are small); larger pieces get their own. */
let scratch = Buffer.allocUnsafe(64 * 1024);
const SCRATCH_LIMIT = 1024 * 1024;

/**
 * JSON text with every UTF-16 code unit above U+007E written as `\uXXXX` (a character beyond the
 * basic plane as its two surrogates, as JSON allows), as a one-byte string.
 *
 * One pass into a reused buffer sized for the worst case (six bytes a character): the ASCII between
 * runs of other characters (keys, codes, amounts: most of a row) is copied by Buffer's native
 * Latin-1 write, only the runs are escaped here. Counting first and escaping every character in
 * JavaScript, with a new buffer per row, took two to three times as long (0.6-0.8 against 0.25-0.35 CPU
 * ms for 100 rows of a page of projects with bids and bidders, 137 KB).
 */
export function escapeBeyondAscii(json: string): string {
  const worst = json.length * 6;
  let bytes = scratch;
  if (worst > bytes.length) {
    bytes = Buffer.allocUnsafe(worst);
    if (worst <= SCRATCH_LIMIT) scratch = bytes;
  }
  let at = 0;
  let copied = 0;
  BEYOND_ASCII_RUN.lastIndex = 0;
  for (let run = BEYOND_ASCII_RUN.exec(json); run !== null; run = BEYOND_ASCII_RUN.exec(json)) {
    if (run.index > copied) at += bytes.write(json.slice(copied, run.index), at, 'latin1');
    copied = BEYOND_ASCII_RUN.lastIndex;
    for (let i = run.index; i < copied; i += 1) {
      const code = json.charCodeAt(i);
      bytes[at++] = 0x5c; // backslash
      bytes[at++] = 0x75; // u
      bytes[at++] = HEX.charCodeAt(code >> 12);
      bytes[at++] = HEX.charCodeAt((code >> 8) & 15);
      bytes[at++] = HEX.charCodeAt((code >> 4) & 15);
      bytes[at++] = HEX.charCodeAt(code & 15);
    }
  }
  if (copied < json.length) at += bytes.write(json.slice(copied), at, 'latin1');
  return bytes.toString('latin1', 0, at);
}

/**
 * Answers that are surely small enough are written by plain `JSON.stringify`: below
 * {@link SMALL_ANSWER_CHARS}, a two-byte answer stays far from V8's large-object space, and one
 * native call is about twice as fast as the row-by-row walk and escape of {@link asciiJson} (0.09
 * against 0.21 ms for the leaders' joined view of 50 projects, 28 K characters, in the gateway). The
 * gateway's answers; larger ones, and the subgraphs' (which the gateway reads), stay ASCII.
 */
export const SMALL_ANSWER_CHARS = 48 * 1024;

/** JSON of an answer: plain `JSON.stringify` when its estimated length is under {@link SMALL_ANSWER_CHARS}, else {@link asciiJson}. */
export function answerJson(value: unknown): string {
  return estimatedJsonLength(value, 0) < SMALL_ANSWER_CHARS ? JSON.stringify(value) : asciiJson(value);
}

/**
 * About how long `JSON.stringify(value)` is, without writing it all: the levels above lists are
 * walked; a list counts as its length times the average length of three of its elements (first,
 * middle, last) written by JSON.stringify. A list whose other elements are much longer than those
 * three is underestimated: the answer is then only slower to write, never different.
 */
export function estimatedJsonLength(value: unknown, depth: number): number {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? value.length + 2 : 8;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function' || depth > 8) return (JSON.stringify(value) as string | undefined)?.length ?? 0;
  if (Array.isArray(value)) {
    if (value.length === 0) return 2;
    const samples = value.length < 3 ? value : [value[0], value[value.length >> 1], value[value.length - 1]];
    let sampled = 0;
    for (const element of samples) sampled += ((JSON.stringify(element) as string | undefined)?.length ?? 4) + 1;
    return Math.ceil((sampled / samples.length) * value.length) + 1;
  }
  let length = 2;
  for (const key of Object.keys(value)) length += key.length + 4 + estimatedJsonLength((value as Record<string, unknown>)[key], depth + 1);
  return length;
}
