// A corpus of real-world-shaped messages (charsets, MIME shapes, broken headers, attachments) fed through
// ingest, the function behind the pipe and IMAP doors, with the expected result for each.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, inboundMail, messages, outbox, tickets, users } from "@/db/schema";
import { ingest, type IngestResult } from "@/lib/mail/ingest";
import { makeDepartment, unique, uniqueEmail } from "../../support/factories";
import { buildRawMail, makeEmailAddress, type RawMailInput } from "../../support/mail";

const SMTP_PORT = 2604; // mail is only queued here, never sent

let desk: { id: number; email: string };
let salesDesk: { id: number; email: string };
let deskDepartment: { id: number };
let salesDepartment: { id: number };

beforeAll(async () => {
  deskDepartment = await makeDepartment();
  salesDepartment = await makeDepartment();
  desk = await makeEmailAddress({ departmentId: deskDepartment.id, smtpPort: SMTP_PORT });
  salesDesk = await makeEmailAddress({ departmentId: salesDepartment.id, smtpPort: SMTP_PORT });
});

const CRLF = "\r\n";
const b64 = (data: Buffer | string, lineLength = 76) =>
  (Buffer.isBuffer(data) ? data : Buffer.from(data))
    .toString("base64")
    .replace(new RegExp(`(.{${lineLength}})`, "g"), `$1${CRLF}`);
const latin1 = (s: string) => Buffer.from(s, "latin1");

function multipart(type: string, boundary: string, parts: string[], { close = true } = {}) {
  return {
    contentType: `Content-Type: multipart/${type}; boundary="${boundary}"`,
    body: `This is a multi-part message in MIME format.${CRLF}${parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join("")}${close ? `--${boundary}--${CRLF}` : ""}`,
  };
}
const textPart = (text: string, charset = "utf-8") =>
  `Content-Type: text/plain; charset=${charset}${CRLF}Content-Transfer-Encoding: 8bit${CRLF}${CRLF}${text}`;
const htmlPart = (html: string) =>
  `Content-Type: text/html; charset=utf-8${CRLF}Content-Transfer-Encoding: 8bit${CRLF}${CRLF}${html}`;
const filePart = (type: string, name: string | null, data: Buffer, extra = "") =>
  `Content-Type: ${type}${name ? `; name="${name}"` : ""}${CRLF}Content-Transfer-Encoding: base64${CRLF}` +
  `Content-Disposition: attachment${name ? `; filename="${name}"` : ""}${CRLF}${extra}${CRLF}${b64(data)}`;

type Stored = {
  result: IngestResult;
  message: typeof messages.$inferSelect;
  ticket: typeof tickets.$inferSelect;
  files: (typeof attachments.$inferSelect)[];
};

type Case = {
  name: string;
  mail: () => Buffer | RawMailInput;
  status?: IngestResult["status"];
  check?: (stored: Stored) => void | Promise<void>;
  checkResult?: (result: IngestResult) => void | Promise<void>;
};

const pdf = Buffer.from("%PDF-1.4\n% test document\n");
const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

const cases: Case[] = [
  {
    name: "iso-8859-1 quoted-printable body and encoded subject",
    mail: () => ({
      to: desk.email,
      subject: "=?ISO-8859-1?Q?Caf=E9_cr=E8me?=",
      contentType:
        "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable",
      body: "Un caf=E9 cr=E8me, s'il vous pla=EEt.",
    }),
    check: ({ message, ticket }) => {
      expect(ticket.subject).toBe("Café crème");
      expect(message.body).toBe("Un café crème, s'il vous plaît.");
    },
  },
  {
    name: "windows-1252 8bit body with smart quotes and the euro sign",
    mail: () =>
      Buffer.concat([
        buildRawMail({
          to: desk.email,
          subject: "Quotes",
          contentType: "Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit",
          body: "",
        }),
        latin1("\x93Price\x94 is 10 \x80 \x96 ok"),
      ]),
    check: ({ message }) => expect(message.body).toBe("“Price” is 10 € – ok"),
  },
  {
    name: "koi8-r base64 body and subject",
    mail: () => ({
      to: desk.email,
      subject: `=?koi8-r?B?${Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]).toString("base64")}?=`,
      contentType: "Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: base64",
      body: b64(Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x20, 0xcd, 0xc9, 0xd2])),
    }),
    check: ({ message, ticket }) => {
      expect(ticket.subject).toBe("Привет");
      expect(message.body).toBe("Привет мир");
    },
  },
  {
    name: "shift_jis body",
    mail: () =>
      Buffer.concat([
        buildRawMail({
          to: desk.email,
          subject: "=?shift_jis?B?grGC8YLJgr+CzQ==?=",
          contentType: "Content-Type: text/plain; charset=shift_jis\r\nContent-Transfer-Encoding: 8bit",
          body: "",
        }),
        Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd]),
      ]),
    check: ({ message, ticket }) => {
      expect(message.body).toBe("こんにちは");
      expect(ticket.subject).toBe("こんにちは");
    },
  },
  {
    name: "utf-8 base64 body with emoji",
    mail: () => ({
      to: desk.email,
      subject: "=?UTF-8?B?8J+UpSBGaXJl?=",
      contentType: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64",
      body: b64("Ça brûle 🔥 — help"),
    }),
    check: ({ message, ticket }) => {
      expect(ticket.subject).toBe("🔥 Fire");
      expect(message.body).toBe("Ça brûle 🔥 — help");
    },
  },
  {
    name: "utf-8 quoted-printable with soft line breaks",
    mail: () => ({
      to: desk.email,
      contentType: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
      body: "A long line that was wrapped by the =\r\nsender's client, na=C3=AFve =E2=9C=93",
    }),
    check: ({ message }) =>
      expect(message.body).toBe("A long line that was wrapped by the sender's client, naïve ✓"),
  },
  {
    name: "raw 8-bit UTF-8 in headers (no encoded words)",
    mail: () => ({ from: `Zoë Ångström <${uniqueEmail("zoe")}>`, to: desk.email, subject: "Über größe" }),
    check: async ({ ticket }) => {
      expect(ticket.subject).toBe("Über größe");
      const [user] = await db.select().from(users).where(eq(users.id, ticket.userId));
      expect(user!.fullname).toBe("Zoë Ångström");
    },
  },
  {
    name: "encoded display name and upper-case address",
    mail: () => {
      const local = unique("UPPER");
      return {
        from: `=?UTF-8?B?${Buffer.from("José Núñez").toString("base64")}?= <${local}@Example.TEST>`,
        to: desk.email,
      };
    },
    check: async ({ ticket }) => {
      const [user] = await db.select().from(users).where(eq(users.id, ticket.userId));
      expect(user!.fullname).toBe("José Núñez");
      expect(user!.email).toMatch(/^upper[a-z0-9]+@example\.test$/);
    },
  },
  {
    name: "HTML only, with script, event handler, style, a tracking pixel and a javascript: link",
    mail: () => ({
      to: desk.email,
      contentType: "Content-Type: text/html; charset=utf-8",
      body:
        "<html><head><style>body{background:url(https://track.example/bg.png)}</style><script>alert(1)</script></head>" +
        '<body><p onclick="steal()">Hello <b>team</b></p><img src="https://track.example/pixel.gif" width="1" height="1">' +
        '<a href="javascript:alert(2)">click</a><a href="https://example.test/doc">doc</a><iframe src="https://evil.example"></iframe></body></html>',
    }),
    check: ({ message }) => {
      expect(message.bodyFormat).toBe("html");
      expect(message.body).toContain("<b>team</b>");
      expect(message.body).not.toMatch(/script|onclick|<style|iframe|javascript:|track\.example\/bg/);
      expect(message.body).toContain('data-remote-src="https://track.example/pixel.gif"');
      expect(message.body).not.toMatch(/<img[^>]* src=/);
      expect(message.body).toContain('href="https://example.test/doc"');
    },
  },
  {
    name: "multipart/alternative keeps the HTML part",
    mail: () => ({
      to: desk.email,
      ...multipart("alternative", "alt1", [
        textPart("Plain version"),
        htmlPart("<p>Rich <i>version</i></p>"),
      ]),
    }),
    check: ({ message }) => {
      expect(message.bodyFormat).toBe("html");
      expect(message.body).toBe("<p>Rich <i>version</i></p>");
    },
  },
  {
    name: "PDF attachment kept byte for byte",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix1", [
        textPart("See attached."),
        filePart("application/pdf", "report.pdf", pdf),
      ]),
    }),
    check: ({ files }) => {
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({
        filename: "report.pdf",
        contentType: "application/pdf",
        size: pdf.length,
      });
      expect(files[0]!.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    },
  },
  {
    name: "attachment name with a path is reduced to a safe file name",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix2", [
        textPart("x"),
        filePart("text/plain", "../../etc/pass:wd", Buffer.from("x")),
      ]),
    }),
    check: ({ files }) => expect(files.map((f) => f.filename)).toEqual(["pass_wd"]),
  },
  {
    name: "RFC 2231 encoded attachment name",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix3", [
        textPart("CV attached"),
        `Content-Type: application/pdf${CRLF}Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf${CRLF}${CRLF}${b64(pdf)}`,
      ]),
    }),
    check: ({ files }) => expect(files.map((f) => f.filename)).toEqual(["résumé.pdf"]),
  },
  {
    name: "winmail.dat (TNEF) kept as an attachment",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix4", [
        textPart("From Outlook"),
        filePart("application/ms-tnef", "winmail.dat", Buffer.from([0x78, 0x9f, 0x3e, 0x22, 1, 2, 3])),
      ]),
    }),
    check: ({ files, message }) => {
      expect(message.body).toBe("From Outlook");
      expect(files.map((f) => [f.filename, f.contentType])).toEqual([["winmail.dat", "application/ms-tnef"]]);
    },
  },
  {
    name: "nested message/rfc822 (a forwarded mail) kept as an .eml attachment",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix5", [
        textPart("Forwarding the complaint below."),
        `Content-Type: message/rfc822${CRLF}Content-Disposition: attachment${CRLF}${CRLF}From: angry@example.test${CRLF}Subject: Complaint${CRLF}${CRLF}It broke again.`,
      ]),
    }),
    check: ({ files, message }) => {
      expect(message.body).toContain("Forwarding the complaint below.");
      expect(files).toHaveLength(1);
      expect(files[0]!.contentType).toBe("message/rfc822");
      expect(files[0]!.filename).toMatch(/\.eml$/);
    },
  },
  {
    name: "inline image referenced by cid",
    mail: () => ({
      to: desk.email,
      ...multipart("related", "rel1", [
        htmlPart('<p>Screenshot:</p><img src="cid:shot1@local" alt="shot">'),
        `Content-Type: image/png${CRLF}Content-Transfer-Encoding: base64${CRLF}Content-ID: <shot1@local>${CRLF}Content-Disposition: inline${CRLF}${CRLF}${b64(png)}`,
      ]),
    }),
    check: ({ files, message }) => {
      expect(message.body).toContain('src="cid:shot1@local"');
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ contentId: "shot1@local", contentType: "image/png" });
      expect(files[0]!.filename).toMatch(/\.png$/);
    },
  },
  {
    name: "attachment over the size limit is dropped with a note; the mail and small files are kept",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix6", [
        textPart("Logs attached."),
        filePart("application/zip", "huge.zip", Buffer.alloc(11 * 1024 * 1024, 7)),
        filePart("application/pdf", "small.pdf", pdf),
      ]),
    }),
    check: ({ files, message }) => {
      expect(files.map((f) => f.filename)).toEqual(["small.pdf"]);
      expect(message.body).toContain("Logs attached.");
      expect(message.body).toMatch(
        /"huge\.zip" \(11\.0 MB\) was not kept: it is larger than the 10 MB limit/,
      );
    },
  },
  {
    name: "missing Message-ID: stored once, a second delivery is recognised",
    mail: () => ({ to: desk.email, messageId: null, subject: unique("No id ") }),
    checkResult: async (result) => {
      expect(result.status).toBe("stored");
    },
    check: async ({ message }) => {
      expect(message.emailMessageId).toMatch(/@no-message-id\.invalid>$/);
    },
  },
  {
    name: "missing Date",
    mail: () => ({ to: desk.email, date: null }),
    check: ({ message }) => expect(message.body).toBe("Hello, I need help."),
  },
  {
    name: "missing Subject",
    mail: () => ({ to: desk.email, subject: null }),
    check: ({ ticket }) => expect(ticket.subject).toBe("(no subject)"),
  },
  {
    name: "missing From: kept in the dead-letter list",
    mail: () => ({ to: desk.email, from: null }),
    status: "failed",
  },
  {
    name: "unparseable From: kept in the dead-letter list",
    mail: () => ({ to: desk.email, from: "not an address at all" }),
    status: "failed",
  },
  {
    name: "malformed headers (no colon, broken encoded word, folded garbage)",
    mail: () =>
      Buffer.from(
        [
          `From: ${uniqueEmail("mal")}`,
          `To: ${desk.email}`,
          "This line has no colon",
          "Subject: =?utf-8?B?@@invalid@@?= tail",
          "X-Weird:\t",
          " folded",
          `Message-ID: <${unique("mal")}@x>`,
          "",
          "Body survives.",
        ].join(CRLF),
      ),
    check: ({ message, ticket }) => {
      expect(message.body).toContain("Body survives.");
      expect(ticket.subject).toContain("tail");
    },
  },
  {
    name: "multipart without its closing boundary",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "open1", [textPart("Truncated but readable.")], { close: false }),
    }),
    check: ({ message }) => expect(message.body).toContain("Truncated but readable."),
  },
  {
    name: "multipart with no boundary parameter",
    mail: () => ({
      to: desk.email,
      contentType: "Content-Type: multipart/mixed",
      body: "Text without any parts.",
    }),
    check: ({ message }) => expect(message.body.length).toBeGreaterThan(0),
  },
  {
    name: "unknown charset falls back without failing",
    mail: () => ({
      to: desk.email,
      contentType: "Content-Type: text/plain; charset=x-unknown-42",
      body: "plain ascii text",
    }),
    check: ({ message }) => expect(message.body).toBe("plain ascii text"),
  },
  {
    name: "subject longer than the column is cut",
    mail: () => ({ to: desk.email, subject: "S".repeat(600) }),
    check: ({ ticket }) => expect(ticket.subject).toBe("S".repeat(255)),
  },
  {
    name: "Message-ID longer than the column is replaced by a stable hash",
    mail: () => ({ to: desk.email, messageId: `<${"x".repeat(400)}${unique()}@example.test>` }),
    check: ({ message }) =>
      expect(message.emailMessageId).toMatch(/^<[0-9a-f]{64}@long-message-id\.invalid>$/),
  },
  {
    name: "LF-only line endings",
    mail: () =>
      Buffer.from(
        `From: ${uniqueEmail("lf")}\nTo: ${desk.email}\nSubject: Unix mail\nMessage-ID: <${unique("lf")}@x>\n\nLine one\nLine two\n`,
      ),
    check: ({ message, ticket }) => {
      expect(ticket.subject).toBe("Unix mail");
      expect(message.body).toBe("Line one\nLine two");
    },
  },
  {
    name: "empty body",
    mail: () => ({ to: desk.email, body: "" }),
    check: ({ message }) => expect(message.body).toBe("(no message text)"),
  },
  {
    name: "addressed through a list: Delivered-To picks the sales department",
    mail: () => ({ to: "everyone@lists.example.test", headers: { "Delivered-To": salesDesk.email } }),
    check: ({ ticket }) => expect(ticket.departmentId).toBe(salesDepartment.id),
  },
  {
    name: "help desk in Cc picks its department",
    mail: () => ({ to: uniqueEmail("boss"), cc: `Sales <${salesDesk.email}>` }),
    check: ({ ticket }) => expect(ticket.departmentId).toBe(salesDepartment.id),
  },
  {
    name: "newsletter (Precedence: list) opens a ticket but gets no confirmation",
    mail: () => ({ to: desk.email, headers: { Precedence: "list", "List-Id": "<news.example.test>" } }),
    check: async ({ ticket }) => {
      const mails = await db.select().from(outbox).where(eq(outbox.ticketId, ticket.id));
      expect(mails.filter((m) => m.event === "new_ticket_customer")).toHaveLength(0);
    },
  },
  {
    name: "a normal mail gets its confirmation",
    mail: () => ({ to: desk.email }),
    check: async ({ ticket }) => {
      const mails = await db.select().from(outbox).where(eq(outbox.ticketId, ticket.id));
      expect(mails.filter((m) => m.event === "new_ticket_customer")).toHaveLength(1);
    },
  },
  {
    name: "HTML with style block and comments keeps only text and safe markup",
    mail: () => ({
      to: desk.email,
      contentType: "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
      body: '<div style=3D"color:red"><!-- secret --><style>p{}</style><p>Visible =E2=82=AC</p></div>',
    }),
    check: ({ message }) => {
      expect(message.body).toBe("<div><p>Visible €</p></div>");
    },
  },
  {
    name: "invalid characters inside base64 are tolerated",
    mail: () => ({
      to: desk.email,
      contentType: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64",
      body: `${b64("decoded fine")}!!*`,
    }),
    check: ({ message }) => expect(message.body).toContain("decoded fine"),
  },
  {
    name: "text parts around an attachment are both kept",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix7", [
        textPart("Before the file."),
        filePart("application/pdf", "a.pdf", pdf),
        textPart("After the file."),
      ]),
    }),
    check: ({ message, files }) => {
      expect(message.body).toContain("Before the file.");
      expect(message.body).toContain("After the file.");
      expect(files).toHaveLength(1);
    },
  },
  {
    name: "attachment without a name gets one from its type",
    mail: () => ({
      to: desk.email,
      ...multipart("mixed", "mix8", [textPart("noname"), filePart("application/pdf", null, pdf)]),
    }),
    check: ({ files }) => expect(files.map((f) => f.filename)).toEqual(["attachment-1.pdf"]),
  },
];

async function run(input: Buffer | RawMailInput) {
  const raw = Buffer.isBuffer(input)
    ? input
    : buildRawMail({ from: `Corpus Sender <${uniqueEmail("corpus")}>`, ...input });
  return { raw, result: await ingest(raw, "pipe") };
}

describe("inbound corpus", () => {
  it.each(cases)("$name", async (testCase) => {
    const { raw, result } = await run(testCase.mail());
    expect(result.status, JSON.stringify(result)).toBe(testCase.status ?? "stored");
    await testCase.checkResult?.(result);
    if (result.status === "failed") {
      const [row] = await db.select().from(inboundMail).where(eq(inboundMail.id, result.inboundId));
      expect(Buffer.from(row!.raw!, "latin1").equals(raw)).toBe(true);
      return;
    }
    if (result.status !== "stored") return;
    const [message] = await db.select().from(messages).where(eq(messages.id, result.messageId));
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, result.ticketId));
    const files = await db.select().from(attachments).where(eq(attachments.messageId, result.messageId));
    await testCase.check?.({ result, message: message!, ticket: ticket!, files });
    // Every stored message is recognised when delivered again.
    expect((await ingest(raw, "pipe")).status).toBe("duplicate");
  });

  it(`covers at least ${30} shapes`, () => expect(cases.length).toBeGreaterThanOrEqual(30));
});
