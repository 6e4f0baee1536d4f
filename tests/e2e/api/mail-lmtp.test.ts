// The LMTP door of the running server (scripts/server.ts with LMTP_LISTEN, as tests/setup/e2e.ts starts
// it): an MTA's delivery agent hands over a new message and its answer on one connection.
import { expect, it } from "vitest";
import { makeDepartment, unique, uniqueEmail } from "../../support/factories";
import { connectLmtp, e2eLmtpSocket } from "../../support/lmtp-client";
import { buildRawMail, getTicketRow, makeEmailAddress, messagesWithEmailId } from "../../support/mail";
import { baseUrl } from "./support";

it("the running server stores mail an MTA delivers over its LMTP socket: a new ticket, then the answer in it", async () => {
  const department = await makeDepartment();
  const desk = (await makeEmailAddress({ departmentId: department.id, smtpPort: 9 })).email;
  const customer = uniqueEmail("lmtp");
  const first = `<${unique("m")}@customer.example.test>`;
  const second = `<${unique("m")}@customer.example.test>`;
  const mta = await connectLmtp({ path: e2eLmtpSocket(baseUrl) });
  let ticketId = 0;
  try {
    const opened = await mta.deliver(buildRawMail({ from: customer, to: desk, subject: "Scanner jams", messageId: first }), "bounce@example.test", desk);
    ticketId = Number(/^250 2\.0\.0 stored in ticket #(\d+) \(new\)$/.exec(opened)?.[1]);
    expect(ticketId).toBeGreaterThan(0);
    const answer = buildRawMail({ from: customer, to: desk, subject: "Re: Scanner jams", messageId: second, inReplyTo: first, references: first, body: "It jams on every page." });
    expect(await mta.deliver(answer, "bounce@example.test", desk)).toBe(`250 2.0.0 stored in ticket #${ticketId}`);
  } finally {
    mta.close();
  }
  expect((await getTicketRow(ticketId))?.departmentId).toBe(department.id);
  expect(await messagesWithEmailId(second)).toHaveLength(1);
});
