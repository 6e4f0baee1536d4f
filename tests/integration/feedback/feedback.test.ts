import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { feedbackItems, feedbackVotes, outbox } from "@/db/schema";
import {
  commentOnFeedback,
  convertFeedbackToTicket,
  linkFeedbackTicket,
  mergeFeedback,
  moderateFeedback,
  setFeedbackStatus,
  setFeedbackVote,
  setStatusMailOptOut,
  submitFeedback,
} from "@/lib/feedback/manage";
import { getFeedbackItem, listFeedback, listFeedbackComments } from "@/lib/feedback/queries";
import { unsubscribeToken, verifyUnsubscribeToken } from "@/lib/feedback/unsubscribe";
import { getSettings, saveSettings } from "@/lib/settings";
import { feedbackListParamsSchema } from "@/lib/validation/feedback";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";

const guest = { staff: false, userId: null };
const staffViewer = { staff: true, userId: null };
const params = (input: Record<string, string> = {}) => feedbackListParamsSchema.parse(input);

async function idea(author: Awaited<ReturnType<typeof makeCustomer>>, title = unique("Idea ")) {
  return submitFeedback(author.actor, { kind: "idea", title, description: "A longer description of the idea.", categoryId: null });
}

const votesOf = async (itemId: number) =>
  (await db.select({ userId: feedbackVotes.userId }).from(feedbackVotes).where(eq(feedbackVotes.itemId, itemId))).map((r) => r.userId).sort((a, b) => a - b);
const countOf = async (itemId: number) => (await db.select({ n: feedbackItems.voteCount }).from(feedbackItems).where(eq(feedbackItems.id, itemId)))[0]!.n;
const mailsTo = async (itemLink: string) =>
  (await db.select({ to: outbox.toAddress, text: outbox.bodyText, headers: outbox.headers }).from(outbox).where(eq(outbox.event, "feedback_status"))).filter((m) =>
    m.text.includes(itemLink),
  );

describe("feedback domain", () => {
  let before: Awaited<ReturnType<typeof getSettings>>;
  beforeAll(async () => {
    before = await getSettings();
    await saveSettings({ feedbackEnabled: true, feedbackRequiresApproval: false });
  });
  afterAll(async () => {
    await saveSettings({ feedbackEnabled: before.feedbackEnabled, feedbackRequiresApproval: before.feedbackRequiresApproval });
  });

  it("a customer votes once: voting again changes nothing, taking the vote back removes it", async () => {
    const [author, voter] = await Promise.all([makeCustomer(), makeCustomer()]);
    const { id } = await idea(author);
    expect(await countOf(id)).toBe(1); // the author's own vote
    await setFeedbackVote(voter.actor, id, true);
    await setFeedbackVote(voter.actor, id, true);
    await Promise.all([setFeedbackVote(voter.actor, id, true), setFeedbackVote(voter.actor, id, true)]);
    expect(await countOf(id)).toBe(2);
    expect(await votesOf(id)).toEqual([author.id, voter.id].sort((a, b) => a - b));
    await setFeedbackVote(voter.actor, id, false);
    expect(await countOf(id)).toBe(1);
  });

  it("merging moves votes to the survivor without counting a customer who voted for both twice", async () => {
    const agent = await makeStaff({ role: "agent" });
    const [a, b, c, both] = await Promise.all([makeCustomer(), makeCustomer(), makeCustomer(), makeCustomer()]);
    const survivor = await idea(a);
    const duplicate = await idea(b);
    await setFeedbackVote(both.actor, survivor.id, true);
    await setFeedbackVote(both.actor, duplicate.id, true);
    await setFeedbackVote(c.actor, duplicate.id, true);
    await commentOnFeedback(c.actor, duplicate.id, "Me too");
    await mergeFeedback(agent.actor, duplicate.id, survivor.id);
    expect(await votesOf(survivor.id)).toEqual([a.id, b.id, c.id, both.id].sort((x, y) => x - y));
    expect(await countOf(survivor.id)).toBe(4);
    expect(await countOf(duplicate.id)).toBe(0);
    expect((await listFeedbackComments(survivor.id)).map((x) => x.body)).toEqual(["Me too"]);
    const dup = await getFeedbackItem(guest, duplicate.id);
    expect(dup.mergedIntoId).toBe(survivor.id);
    // The duplicate takes no more votes or comments, and cannot be merged again or be a merge target.
    await expect(setFeedbackVote(c.actor, duplicate.id, true)).rejects.toMatchObject({ code: "conflict" });
    await expect(mergeFeedback(agent.actor, duplicate.id, survivor.id)).rejects.toMatchObject({ code: "conflict" });
    const third = await idea(c);
    await expect(mergeFeedback(agent.actor, third.id, duplicate.id)).rejects.toMatchObject({ code: "invalid" });
    await expect(mergeFeedback(agent.actor, third.id, third.id)).rejects.toMatchObject({ code: "invalid" });
    // Merged items leave the lists.
    const listed = await listFeedback(staffViewer, params({ q: "" }), { perPage: 100 });
    expect(listed.items.some((i) => i.id === duplicate.id)).toBe(false);
  });

  it("a status change emails the author and every voter once, minus those who opted out, in the same transaction", async () => {
    const agent = await makeStaff({ role: "agent" });
    const [author, voter, quiet] = await Promise.all([makeCustomer(), makeCustomer(), makeCustomer()]);
    const { id } = await idea(author);
    await setFeedbackVote(voter.actor, id, true);
    await setFeedbackVote(quiet.actor, id, true);
    await setStatusMailOptOut(quiet.id, true);
    const result = await setFeedbackStatus(agent.actor, id, "planned", "Planned for the spring release.");
    expect(result).toEqual({ changed: true, mailed: 2 });
    const mails = await mailsTo(`/feedback/${id}`);
    expect(mails.map((m) => m.to).sort()).toEqual([author.email, voter.email].sort());
    expect(mails[0]!.text).toContain("Planned for the spring release.");
    expect(mails[0]!.text).toContain("Planned");
    expect(mails[0]!.headers?.["List-Unsubscribe"]).toMatch(/\/feedback\/unsubscribe\//);
    // Same status again (a note edit) sends nothing.
    expect(await setFeedbackStatus(agent.actor, id, "planned", "Now for summer.")).toEqual({ changed: false, mailed: 0 });
    expect(await mailsTo(`/feedback/${id}`)).toHaveLength(2);
    // Opting back in brings the mail back.
    await setStatusMailOptOut(quiet.id, false);
    expect((await setFeedbackStatus(agent.actor, id, "in_progress", "")).mailed).toBe(3);
  });

  it("a customer may share at most 10 ideas an hour", async () => {
    const author = await makeCustomer();
    for (let i = 0; i < 10; i++) await idea(author);
    await expect(idea(author)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("the unsubscribe token names its customer and cannot be forged", () => {
    const token = unsubscribeToken(42);
    expect(verifyUnsubscribeToken(token)).toBe(42);
    expect(verifyUnsubscribeToken(token.replace(/^42\./, "43."))).toBeNull();
    expect(verifyUnsubscribeToken(`42.${"A".repeat(43)}`)).toBeNull();
    expect(verifyUnsubscribeToken("garbage")).toBeNull();
  });

  it("hidden items are invisible to customers (their author too) and pending ones only to their author", async () => {
    const agent = await makeStaff({ role: "agent" });
    const [author, other] = await Promise.all([makeCustomer(), makeCustomer()]);
    const word = unique("hidw").toLowerCase();
    const { id } = await idea(author, `Hidden ${word} idea`);
    await moderateFeedback(agent.actor, id, "hidden");
    for (const viewer of [guest, { staff: false, userId: author.id }, { staff: false, userId: other.id }]) {
      await expect(getFeedbackItem(viewer, id)).rejects.toMatchObject({ code: "not_found" });
      expect((await listFeedback(viewer, params({ q: word }), { perPage: 10 })).items).toEqual([]);
    }
    expect((await getFeedbackItem(staffViewer, id)).visibility).toBe("hidden");
    await expect(setFeedbackVote(other.actor, id, true)).rejects.toMatchObject({ code: "not_found" });
    await expect(commentOnFeedback(other.actor, id, "hi")).rejects.toMatchObject({ code: "not_found" });
    // A status change on a hidden item mails nobody.
    expect((await setFeedbackStatus(agent.actor, id, "declined", "")).mailed).toBe(0);

    await saveSettings({ feedbackRequiresApproval: true });
    try {
      const pending = await idea(author, `Pending ${word} idea`);
      expect(pending.pending).toBe(true);
      expect((await getFeedbackItem({ staff: false, userId: author.id }, pending.id)).visibility).toBe("pending");
      await expect(getFeedbackItem({ staff: false, userId: other.id }, pending.id)).rejects.toMatchObject({ code: "not_found" });
      await moderateFeedback(agent.actor, pending.id, "visible");
      expect((await getFeedbackItem(guest, pending.id)).title).toBe(`Pending ${word} idea`);
    } finally {
      await saveSettings({ feedbackRequiresApproval: false });
    }
  });

  it("search ranks matches, filters by status and sorts by votes", async () => {
    const agent = await makeStaff({ role: "agent" });
    const [a, b] = await Promise.all([makeCustomer(), makeCustomer()]);
    const word = unique("srch").toLowerCase();
    const strong = await submitFeedback(a.actor, { kind: "idea", title: `${word} export`, description: `${word} ${word} everywhere, ${word}.`, categoryId: null });
    const weak = await submitFeedback(a.actor, { kind: "suggestion", title: "Another thing", description: `It mentions ${word} once among other words.`, categoryId: null });
    await setFeedbackVote(b.actor, weak.id, true);
    const found = await listFeedback(guest, params({ q: word }), { perPage: 10 });
    expect(found.items.map((i) => i.id)).toEqual([strong.id, weak.id]);
    expect(found.items[1]!.excerpt).toContain(word);
    const top = await listFeedback(guest, params({ q: word, sort: "top" }), { perPage: 10 });
    expect(top.items.map((i) => i.id)).toEqual([weak.id, strong.id]);
    await setFeedbackStatus(agent.actor, strong.id, "done", "");
    expect((await listFeedback(guest, params({ q: word, status: "done" }), { perPage: 10 })).items.map((i) => i.id)).toEqual([strong.id]);
    const paged = await listFeedback(guest, params({ q: word }), { perPage: 1 });
    expect([paged.items.length, paged.hasMore]).toEqual([1, true]);
  });

  it("an agent turns feedback into a ticket for its author, or links a ticket of their departments only", async () => {
    const [inside, outside] = await Promise.all([makeDepartment(), makeDepartment()]);
    const agent = await makeStaff({ role: "agent", departmentIds: [inside.id] });
    const author = await makeCustomer();
    const { id } = await idea(author, unique("Convert "));
    const ticket = await convertFeedbackToTicket(agent.actor, id, inside.id);
    expect(ticket.userId).toBe(author.id);
    expect((await getFeedbackItem(staffViewer, id)).ticketId).toBe(ticket.id);
    expect((await getFeedbackItem({ staff: false, userId: author.id }, id)).ticketId).toBeNull();
    await expect(convertFeedbackToTicket(agent.actor, id, inside.id)).rejects.toMatchObject({ code: "conflict" });

    const other = await idea(author);
    const foreign = await makeTicket({ userId: author.id, departmentId: outside.id });
    await expect(linkFeedbackTicket(agent.actor, other.id, foreign.id)).rejects.toMatchObject({ code: "invalid" });
    await linkFeedbackTicket(agent.actor, other.id, ticket.id);
    const linked = await db.select({ id: feedbackItems.id }).from(feedbackItems).where(and(inArray(feedbackItems.id, [id, other.id]), eq(feedbackItems.ticketId, ticket.id)));
    expect(linked).toHaveLength(2);
  });
});
