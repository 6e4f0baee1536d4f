import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { getStaffProfile } from "@/lib/staff/profile";
import { StaffPasswordForm, StaffProfileForm } from "./profile-forms";
import { TwoFactorPanel } from "./two-factor-panel";

export const metadata: Metadata = { title: "Your profile" };

export default async function StaffProfilePage() {
  const actor = await requireStaff();
  const [profile, twoFactor] = await Promise.all([getStaffProfile(actor.id), getTwoFactorStatus(actor.id)]);
  const timezones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="max-w-5xl">
      <PageHeader title="Your profile" description={`Signed in as ${profile.username}.`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-4 font-semibold">Profile</h2>
          <StaffProfileForm
            initial={{ fullname: profile.fullname, email: profile.email, timezone: profile.timezone ?? "", signature: profile.signature ?? "" }}
            timezones={timezones}
          />
        </Card>
        <div className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-4 font-semibold">Two-factor sign-in</h2>
            <TwoFactorPanel enabled={twoFactor.enabled} recoveryCodesLeft={twoFactor.recoveryCodesLeft} />
          </Card>
          <Card className="p-5">
            <h2 className="mb-4 font-semibold">Password</h2>
            <StaffPasswordForm />
          </Card>
          <Card className="p-5">
            <h2 className="mb-2 font-semibold">Canned responses</h2>
            <p className="text-sm text-slate-600">
              Answers of your own to insert in replies, beside the shared ones.{" "}
              <Link href="/agent/canned" className="font-medium text-brand-700 underline">
                Manage your canned responses
              </Link>
            </p>
          </Card>
        </div>
      </div>
    </div>
  );
}
