import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { isResetTokenUsable } from "@/lib/users/account";
import { resetPasswordAction } from "./actions";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = {
  title: "Choose a new password",
  robots: { index: false },
  referrer: "no-referrer",
};

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Opening the page does not use the link up (mail scanners open links too); saving does.
  const usable = await isResetTokenUsable(token);
  return (
    <Card className="mx-auto max-w-md p-8">
      <h1 className="mb-1 text-2xl font-semibold">Choose a new password</h1>
      {usable ? (
        <>
          <p className="mb-6 text-sm text-slate-600">You will sign in with it from now on.</p>
          <ResetPasswordForm action={resetPasswordAction.bind(null, token)} />
        </>
      ) : (
        <>
          <p className="mt-2 mb-6 text-slate-700">
            This link is invalid or has expired, or it was already used. Links work once, within an hour.
          </p>
          <ButtonLink href="/forgot-password">Ask for a new link</ButtonLink>
          <p className="mt-6 text-sm">
            <Link href="/login" className="font-medium text-brand-700 hover:underline">
              Back to sign in
            </Link>
          </p>
        </>
      )}
    </Card>
  );
}
