import { describe, expect, it } from "vitest";
import { feedbackPath, feedbackStatusLabels } from "@/lib/feedback/labels";
import { feedbackListParamsSchema, feedbackMergeSchema, feedbackSubmitSchema } from "@/lib/validation/feedback";
import { feedbackStatuses } from "@/db/schema/feedback";

describe("feedback input", () => {
  it("the merge target may be typed as 12, #12 or a pasted address", () => {
    for (const intoId of ["12", "#12", " #12 ", "https://help.example.com/feedback/12", "/agent/feedback/12"]) {
      expect(feedbackMergeSchema.parse({ itemId: 3, intoId }).intoId).toBe(12);
    }
    expect(feedbackMergeSchema.safeParse({ itemId: 3, intoId: "" }).success).toBe(false);
    expect(feedbackMergeSchema.safeParse({ itemId: 3, intoId: "twelve" }).success).toBe(false);
  });

  it("submissions are trimmed plain text without control characters, within their lengths", () => {
    const parsed = feedbackSubmitSchema.parse({ kind: "idea", title: "  Dark\u0000 mode  ", description: "Line one\r\nline\u0007 two   ", categoryId: "" });
    expect(parsed).toEqual({ kind: "idea", title: "Dark mode", description: "Line one\nline two", categoryId: null });
    expect(feedbackSubmitSchema.safeParse({ kind: "idea", title: "Hi", description: "Long enough text", categoryId: "" }).success).toBe(false);
    expect(feedbackSubmitSchema.safeParse({ kind: "wish", title: "Dark mode", description: "Long enough text", categoryId: "" }).success).toBe(false);
    expect(feedbackSubmitSchema.safeParse({ kind: "idea", title: "x".repeat(201), description: "Long enough text", categoryId: "" }).success).toBe(false);
  });

  it("hostile list parameters fall back to the defaults instead of failing the page", () => {
    expect(feedbackListParamsSchema.parse({ q: ["a", "b"], status: "'; DROP", category: "1 OR 1", sort: "votes", page: "-3" })).toEqual({
      q: "",
      status: "",
      category: "",
      sort: "",
      page: 1,
    });
  });

  it("every status has a label, and items live at /feedback/<id>", () => {
    expect(feedbackStatuses.every((s) => feedbackStatusLabels[s].length > 0)).toBe(true);
    expect(feedbackPath(7)).toBe("/feedback/7");
  });
});
