import { notFound, redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { feedbackViewerOf, portalFeedbackAccess } from "@/lib/feedback/queries";
import { getSettings } from "@/lib/settings";

/** Every portal feedback page starts here: 404 when feedback is off, sign in when guests may not read. */
export async function requireFeedbackReader(returnTo: string) {
  const [actor, settings] = await Promise.all([getActor(), getSettings()]);
  const access = portalFeedbackAccess(actor, settings);
  if (access === "off") notFound();
  if (access === "sign-in") redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return { actor, settings, viewer: feedbackViewerOf(actor), user: actor?.type === "user" ? actor : null };
}
