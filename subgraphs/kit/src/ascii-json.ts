/**
 * `JSON.stringify` whose output is ASCII only: every character above U+007E is written as a `\uXXXX`
 * escape, which any JSON parser reads back to the same text. Apollo Server's `stringifyResult` for
 * every subgraph and the gateway.
 *
 * Why: one Chinese character (a company's name) makes `JSON.stringify`'s whole answer a two-byte
 * string, which V8 returns in pieces and flattens on first use (`res.end` measuring its byte length);
 * from 64 K characters (128 KB) that flat copy goes to V8's large-object space, a fresh memory mapping
 * each time, and the gateway decoding the answer makes another one. A large-object allocation cost
 * 1.5–3 ms on the benchmark machine, several per request on the joined view of 100 projects: the
 * sender's flatten and byte count took about a fifth of the projects subgraph's CPU there. An ASCII
 * answer is a one-byte string (half the memory, so large objects only from 128 K characters), and
 * decodes to one at the gateway.
 */
export function asciiJson(value: unknown): string {
  const out = new Pieces();
  // JSON.stringify(undefined) (or of a function) is undefined; Apollo only passes results, but keep the contract.
  return (write(value, out) ? out.text() : undefined) as string;
}

/**
 * The answer's pieces, joined 4,096 at a time. Joining makes flat strings; appending with `+` would make
 * a rope of a node per piece (tens of thousands on a page of 100), which V8 then walks node by node to
 * flatten when the answer is sent: that walk was a tenth of the gateway's CPU.
 */
class Pieces {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  push(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length === 4096) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  text(): string {
    this.chunks.push(this.pieces.join(''));
    return this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
  }
}

/** Printable ASCII without `"` and `\`: written between quotes as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** Above U+007E: to escape (JSON.stringify's own escapes cover the control characters). */
const BEYOND_ASCII = /[\u007f-\uffff]/;

/** Object keys repeat on every row; their quoted forms (with the colon) are kept (bounded: aliases are the client's). */
const quotedKeys = new Map<string, string>();

function quote(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  const json = JSON.stringify(text);
  if (!BEYOND_ASCII.test(json)) return json;
  let out = '';
  let from = 0;
  for (let i = 0; i < json.length; i += 1) {
    const code = json.charCodeAt(i);
    if (code > 0x7e) {
      out += `${json.slice(from, i)}\\u${code.toString(16).padStart(4, '0')}`;
      from = i + 1;
    }
  }
  return out + json.slice(from);
}

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${quote(key)}:`;
    if (quotedKeys.size < 2000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** Writes the value's JSON; false for what JSON.stringify leaves out (undefined, functions, symbols). */
function write(value: unknown, out: Pieces): boolean {
  switch (typeof value) {
    case 'string':
      out.push(quote(value));
      return true;
    case 'number':
      out.push(Number.isFinite(value) ? String(value) : 'null');
      return true;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return true;
    case 'bigint':
      // As JSON.stringify does.
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (value === null) {
        out.push('null');
        return true;
      }
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return write((toJSON as () => unknown).call(value), out);
      if (value instanceof String || value instanceof Number || value instanceof Boolean) return write(value.valueOf(), out);
      if (Array.isArray(value)) {
        out.push('[');
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) out.push(',');
          if (!write(value[i], out)) out.push('null');
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
        out.push(quoteKey(key));
        write(item, out);
        separator = ',';
      }
      out.push(separator === '{' ? '{}' : '}');
      return true;
    }
    default:
      // undefined, functions and symbols: left out of objects, null in arrays (as JSON.stringify does).
      return false;
  }
}
