// Hostile input values for the fuzz tests: a fixed catalogue (SQL metacharacters, LIKE wildcards, NUL,
// huge strings, numbers where text goes and text where numbers go, broken UTF-8, RTL/emoji/zero-width)
// plus seeded random mixtures, so every run sends exactly the same requests.

/** mulberry32: a tiny seeded generator; the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One hostile value. `text` is a JS string (it may hold a lone surrogate); `bytes` are sent as they are,
 * for byte sequences no JS string can carry (invalid UTF-8). `huge` marks the 1 MB ones: an HTTP
 * server refuses such a URL before the app sees it, so URLs get a shorter cut (`forUrl`).
 */
export type Hostile = { label: string; text?: string; bytes?: Buffer; huge?: boolean };

const MB = 1024 * 1024;

/** The catalogue every parameter gets. No value here is a plain small positive number (see isLiveId). */
export function hostileCatalogue(): Hostile[] {
  const t = (label: string, text: string): Hostile => ({ label, text });
  return [
    t("sql tautology", "' OR 1=1 --"),
    t("sql drop", '"; DROP TABLE tickets; --'),
    t("sql union", "0 UNION SELECT password_hash, email FROM staff -- "),
    t("sql comment quote", "admin'/*"),
    t("like percent", "%"),
    t("like underscore", "_"),
    t("like both", "%_%"),
    t("backslash", "\\"),
    t("backslash quote", "\\'"),
    t("nul byte", "a\u0000b"),
    t("only nul", "\u0000"),
    t("empty", ""),
    t("blank", "   "),
    t("negative id", "-1"),
    t("zero", "0"),
    t("max uint id", "4294967295"),
    t("over uint", "4294967296"),
    t("huge number", "99999999999999999999999999"),
    t("float", "1.5"),
    t("exponent", "1e3"),
    t("hex", "0x1F"),
    t("NaN", "NaN"),
    t("Infinity", "-Infinity"),
    t("word where number", "abc"),
    t("json-looking", '{"$gt":""}'),
    t("array-looking", "[]"),
    t("null word", "null"),
    t("crlf header injection", "x\r\nSet-Cookie: pwned=1"),
    t("format string", "%s%n%x%d"),
    t("path traversal", "../../../../etc/passwd"),
    t("markup", "<script>alert(1)</script>"),
    t("template", "{{constructor.constructor('x')()}}${7*7}"),
    t("rtl override", "\u202egnp.exe\u202c"),
    t("arabic", "مرحبا بالعالم"),
    t("emoji", "🔥💥👩‍💻🏳️‍🌈"),
    t("zero-width", "a\u200bb\u200c\u200dc\ufeff"),
    t("combining", "e\u0301\u0301\u0301"),
    t("lone surrogate", "x\ud800y"),
    { label: "invalid utf-8", bytes: Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0x62]) },
    { label: "overlong utf-8 slash", bytes: Buffer.from([0xc0, 0xaf, 0x2e, 0x2e]) },
    { label: "encoded surrogate", bytes: Buffer.from([0xed, 0xa0, 0x80]) },
    { label: "64 KB of A", text: "A".repeat(64 * 1024), huge: true },
    { label: "64 KB of quotes", text: "'".repeat(64 * 1024), huge: true },
    // Unclosed tags: a backtracking tag regex would take quadratic time on this.
    { label: "1 MB of unclosed tags", text: "<a ".repeat(Math.floor(MB / 3)), huge: true },
    { label: "1 MB of emoji", text: "😀".repeat(MB / 4), huge: true },
  ];
}

/**
 * A huge value cut to 2,000 characters for a path or query string: percent-encoded (up to 12 bytes per
 * character) it stays under the 16 KB request head Node accepts; beyond that Node answers 431 itself.
 */
export function forUrl(value: Hostile): Hostile {
  return value.huge ? { ...value, label: `${value.label} (2,000 chars)`, text: value.text!.slice(0, 2000) } : value;
}

/** JSON-only values of the wrong type, as raw JSON text. */
export const wrongJsonTypes: { label: string; json: string }[] = [
  { label: "json number", json: "4294967296" },
  { label: "json negative", json: "-7" },
  { label: "json float", json: "2.5" },
  { label: "json overflow", json: "1e400" },
  { label: "json true", json: "true" },
  { label: "json null", json: "null" },
  { label: "json empty array", json: "[]" },
  { label: "json array", json: '["a","b"]' },
  { label: "json object", json: '{"$ne":null}' },
  { label: "json nested", json: '[[[[{"a":[{}]}]]]]' },
];

const pieces = ["'", '"', ";", "--", "/*", "%", "_", "\\", "\u0000", "\u202e", "\u200b", "😀", "é", "<", ">", "&", "`", "$", "{", "\n", " OR ", "NULL", "x", "\ud83d"];

/** `count` random mixtures of the pieces above, drawn from `random`. */
export function randomMixtures(random: () => number, count: number): Hostile[] {
  return Array.from({ length: count }, (_, i) => {
    const length = 1 + Math.floor(random() * 12);
    let text = "";
    for (let j = 0; j < length; j++) text += pieces[Math.floor(random() * pieces.length)];
    return { label: `mixture ${i + 1}`, text };
  });
}

/**
 * True for a value the app would read as a small positive id ("7", " 0012 "). The fuzz runs against
 * a database shared with other tests: such a value could name (and delete) someone else's record.
 */
export function isLiveId(value: Hostile): boolean {
  return value.text !== undefined && /^\s*0*[1-9]\d{0,9}\s*$/.test(value.text) && Number(value.text) < 4294967295;
}

/** The value as UTF-8 bytes; a lone surrogate becomes its (invalid) three-byte encoding, as a hostile client would send it. */
export function hostileBytes(value: Hostile): Buffer {
  if (value.bytes) return value.bytes;
  const parts: Buffer[] = [];
  const text = value.text ?? "";
  let run = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isHigh = code >= 0xd800 && code <= 0xdbff;
    const isLow = code >= 0xdc00 && code <= 0xdfff;
    const paired = isHigh && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
    if (paired) {
      run += text[i]! + text[i + 1]!;
      i++;
    } else if (isHigh || isLow) {
      parts.push(Buffer.from(run, "utf8"), Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]));
      run = "";
    } else {
      run += text[i]!;
    }
  }
  parts.push(Buffer.from(run, "utf8"));
  return Buffer.concat(parts);
}

/** Percent-encodes every byte outside the unreserved set, so broken UTF-8 reaches the server as is. */
export function percentEncode(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** The value inside a JSON document: escaped text (a lone surrogate as \ud800), or raw bytes in quotes. */
export function jsonLiteral(value: Hostile): Buffer {
  if (value.bytes) return Buffer.concat([Buffer.from('"'), value.bytes, Buffer.from('"')]);
  return Buffer.from(JSON.stringify(value.text ?? ""), "utf8");
}

/** Error fragments that must never reach a client: SQL driver errors, stack frames, source paths. */
export const leakPatterns = [/ER_[A-Z_]{3,}/, /SQL syntax/i, /sqlMessage/, /sqlState/, /\bat async\b/, /node_modules/, /\.tsx?:\d/, /\bat [\w.<>]+ \(/];
