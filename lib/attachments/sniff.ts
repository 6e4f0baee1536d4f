// What a file really is, from its first bytes. The declared type comes from the sender (a browser,
// an API client, a mail) and may lie: a page of HTML declared as image/png must never be served as an
// image a browser might render. Only types we serve inline are checked; everything else downloads.

const signatures: { type: string; matches: (head: Buffer) => boolean }[] = [
  { type: "image/png", matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", matches: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString("latin1")) },
  { type: "image/webp", matches: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  { type: "application/pdf", matches: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
];

const generic = new Set(["", "application/octet-stream", "binary/octet-stream", "application/unknown"]);

/**
 * The content type to store: the declared one when the bytes agree (or it is one we never show
 * inline), the sniffed one when the sender declared nothing useful, and application/octet-stream
 * when an image or PDF type is declared for bytes that are not one.
 */
export function sniffContentType(declared: string, data: Buffer): string {
  const type = declared.split(";")[0]!.trim().toLowerCase();
  const head = data.subarray(0, 16);
  const actual = signatures.find((s) => s.matches(head))?.type;
  if (generic.has(type)) return actual ?? "application/octet-stream";
  const checked = signatures.some((s) => s.type === type);
  if (checked) return actual === type ? type : "application/octet-stream";
  if (type === "text/plain" && data.subarray(0, 1024).includes(0)) return "application/octet-stream";
  return type.slice(0, 127);
}
