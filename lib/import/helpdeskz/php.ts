// What HelpDeskZ (PHP) leaves in its columns: serialize() output, esc()'d text, PHP date formats.
// Pure functions, no I/O.

export type PhpValue = string | number | boolean | null | PhpArray;
/** PHP arrays keep their keys (ints or strings) in order; a Map keeps both. */
export type PhpArray = Map<string | number, PhpValue>;

/**
 * Reads PHP's serialize() format (arrays, strings, ints, floats, booleans, null). String lengths are
 * in bytes, so the text is walked as UTF-8 bytes. Throws on anything else (objects, references).
 */
export function phpUnserialize(text: string): PhpValue {
  const bytes = Buffer.from(text, "utf8");
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`Not PHP serialize() data (${what} at byte ${pos})`);
  };
  const readUntil = (stop: string) => {
    const end = bytes.indexOf(stop, pos);
    if (end < 0) fail(`missing "${stop}"`);
    const value = bytes.toString("latin1", pos, end);
    pos = end + 1;
    return value;
  };
  const expect = (char: string) => {
    if (bytes.toString("latin1", pos, pos + 1) !== char) fail(`expected "${char}"`);
    pos++;
  };
  const value = (): PhpValue => {
    const type = bytes.toString("latin1", pos, pos + 1);
    pos++;
    if (type === "N") {
      expect(";");
      return null;
    }
    expect(":");
    switch (type) {
      case "b":
        return readUntil(";") === "1";
      case "i": {
        const n = Number(readUntil(";"));
        return Number.isFinite(n) ? n : fail("bad int");
      }
      case "d":
        return Number(readUntil(";"));
      case "s": {
        const length = Number(readUntil(":"));
        expect('"');
        if (!Number.isInteger(length) || pos + length > bytes.length) fail("bad string length");
        const s = bytes.toString("utf8", pos, pos + length);
        pos += length;
        expect('"');
        expect(";");
        return s;
      }
      case "a": {
        const count = Number(readUntil(":"));
        expect("{");
        const map: PhpArray = new Map();
        for (let i = 0; i < count; i++) {
          const key = value();
          if (typeof key !== "string" && typeof key !== "number") fail("bad array key");
          map.set(key as string | number, value());
        }
        expect("}");
        return map;
      }
      default:
        return fail(`unsupported type "${type}"`);
    }
  };
  const result = value();
  if (pos !== bytes.length) fail("trailing data");
  return result;
}

/** unserialize() that answers null instead of throwing (HelpDeskZ itself treats bad data as empty). */
export function tryUnserialize(text: string | null | undefined): PhpValue | undefined {
  if (text == null || text === "") return undefined;
  try {
    return phpUnserialize(text);
  } catch {
    return undefined;
  }
}

export const isPhpArray = (value: PhpValue | undefined): value is PhpArray => value instanceof Map;

/** The values of a PHP list as strings (numbers too), skipping nested arrays. */
export function phpListOfStrings(value: PhpValue | undefined): string[] {
  if (!isPhpArray(value)) return [];
  return [...value.values()].filter((v) => typeof v === "string" || typeof v === "number").map(String);
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Undoes HTML escaping (CodeIgniter's esc() on titles and notes; entities in message HTML). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * The customer side of HelpDeskZ stores nl2br(esc(text)): escaped text with <br /> line breaks. Such a
 * body is plain text in disguise and is stored as text; anything with other markup is HTML.
 */
export function plainTextOf(html: string): string | null {
  const withoutBreaks = html.replace(/<br\s*\/?>(\r?\n)?/gi, "\n");
  if (/[<>]/.test(withoutBreaks)) return null;
  return unescapeHtml(withoutBreaks).replace(/\r\n/g, "\n");
}

// PHP date() letters and their date-fns equivalents; letters without one make the format untranslatable.
const phpDateTokens: Record<string, string> = {
  d: "dd",
  j: "d",
  D: "EEE",
  l: "EEEE",
  N: "i",
  S: "do",
  w: "e",
  z: "D",
  m: "MM",
  n: "M",
  M: "MMM",
  F: "MMMM",
  Y: "yyyy",
  y: "yy",
  o: "RRRR",
  a: "aaa",
  A: "a",
  g: "h",
  G: "H",
  h: "hh",
  H: "HH",
  i: "mm",
  s: "ss",
  e: "zzzz",
  T: "zzz",
  P: "xxx",
  O: "xx",
};

/** Translates a PHP date() format ("d F Y h:i a") to date-fns ("dd MMMM yyyy hh:mm aaa"), or null. */
export function phpDateFormatToDateFns(format: string): string | null {
  let out = "";
  let literal = "";
  const flush = () => {
    if (literal) out += `'${literal.replace(/'/g, "''")}'`;
    literal = "";
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "\\" && i + 1 < format.length) {
      literal += format[++i];
    } else if (/[a-zA-Z]/.test(c)) {
      const token = phpDateTokens[c];
      if (!token) return null;
      flush();
      out += token;
    } else {
      // Punctuation and spaces need no quoting in date-fns; keep them in the output as they are.
      flush();
      out += c === "'" ? "''" : c;
    }
  }
  flush();
  return out || null;
}

/** A HelpDeskZ unix timestamp (seconds; 0 means never) as a Date, or null. */
export function fromUnix(seconds: number | null | undefined): Date | null {
  return seconds && seconds > 0 ? new Date(seconds * 1000) : null;
}
