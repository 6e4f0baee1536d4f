import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { hasOptedOutOfStatusMail } from "@/lib/feedback/queries";
import { verifyUnsubscribeToken } from "@/lib/feedback/unsubscribe";
import { UnsubscribeButton } from "./unsubscribe-button";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

// Opened from an email without signing in: the signed token is the credential. The page only asks;
// the button unsubscribes, so mail scanners that follow links change nothing.
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const userId = verifyUnsubscribeToken(token);
  const already = userId ? await hasOptedOutOfStatusMail(userId) : false;
  return (
    <Card className="mx-auto max-w-md p-8">
      <h1 className="mb-2 text-2xl font-semibold">Feedback emails</h1>
      {!userId ? (
        <p className="text-sm text-slate-600">This unsubscribe link is not valid. Copy the whole link from the email, or change the setting in your profile.</p>
      ) : already ? (
        <p role="status" className="text-sm text-slate-600">You are unsubscribed: we no longer email you when feedback changes status.</p>
      ) : (
        <>
          <p className="mb-5 text-sm text-slate-600">Stop the emails we send when feedback you posted or voted for changes status?</p>
          <UnsubscribeButton token={token} />
        </>
      )}
      <p className="mt-6 text-sm">
        <Link href="/feedback" className="font-medium text-brand-700 hover:underline">
          Back to feedback
        </Link>
      </p>
    </Card>
  );
}
