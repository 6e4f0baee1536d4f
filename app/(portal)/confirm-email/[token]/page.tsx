import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { confirmEmailAction } from "./actions";
import { ConfirmEmailButton } from "./confirm-email-button";

export const metadata: Metadata = {
  title: "Confirm your email address",
  robots: { index: false },
  referrer: "no-referrer",
};

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Card className="mx-auto max-w-md p-8">
      <h1 className="mb-1 text-2xl font-semibold">Confirm your email address</h1>
      <p className="mb-6 text-sm text-slate-600">
        Your account will use this address from now on: for signing in and for our emails.
      </p>
      <ConfirmEmailButton action={confirmEmailAction.bind(null, token)} />
    </Card>
  );
}
