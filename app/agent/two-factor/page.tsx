import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireStaffForTwoFactorSetup } from "@/lib/auth/session";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { getSettings } from "@/lib/settings";
import { TwoFactorPanel } from "../(desk)/profile/two-factor-panel";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

/**
 * Where staff are held while the help desk requires two-factor sign-in and they have not set it up.
 * It sits outside the desk layout on purpose: nothing here links into pages they may not open yet.
 */
export default async function TwoFactorSetupPage() {
  const { actor, mustEnrollTwoFactor } = await requireStaffForTwoFactorSetup();
  const [settings, status] = await Promise.all([getSettings(), getTwoFactorStatus(actor.id)]);
  // Nobody requires it of this person: the setup lives on their profile.
  if (!mustEnrollTwoFactor && !status.enabled) redirect("/agent/profile");
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-slate-100">
        <div className="flex items-center justify-between gap-3 px-4 py-2.5 sm:px-6">
          <span className="flex items-center gap-2 font-semibold">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src="/logo.svg" alt="" width={24} height={24} />
            {settings.helpdeskName}
          </span>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-300">{actor.fullname}</span>
            <SignOutButton callbackUrl="/agent/login" className="rounded px-2.5 py-1.5 hover:bg-slate-800" />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-xl space-y-5 px-4 py-8">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Set up two-factor sign-in</h1>
        {/* The panel keeps its place in the tree, so the recovery codes it shows survive the re-render after enrolment. */}
        {mustEnrollTwoFactor && (
          <Alert tone="error">
            This help desk requires two-factor sign-in for staff. Set it up below to continue: until you do, the tickets and
            the other staff pages stay closed to you.
          </Alert>
        )}
        <Card className="p-5">
          <TwoFactorPanel enabled={status.enabled} recoveryCodesLeft={status.recoveryCodesLeft} />
        </Card>
        {!mustEnrollTwoFactor && (
          <p className="text-sm">
            <Link href="/agent" className="font-medium text-brand-700 hover:underline">
              Continue to the tickets →
            </Link>
          </p>
        )}
      </main>
    </div>
  );
}
