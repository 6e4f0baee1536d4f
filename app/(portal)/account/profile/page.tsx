import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { hasOptedOutOfStatusMail } from "@/lib/feedback/queries";
import { getSettings } from "@/lib/settings";
import { getProfile } from "@/lib/users/account";
import { StatusMailToggle } from "../../feedback/status-mail-toggle";
import { EmailChangeForm, PasswordChangeForm, ProfileForm } from "./profile-forms";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  const user = await requireUser();
  const [profile, query, settings, optedOut] = await Promise.all([getProfile(user), searchParams, getSettings(), hasOptedOutOfStatusMail(user.id)]);
  const timezones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title="Profile" description={`Signed in as ${profile.email}`} />
      {query.done === "email" && <Alert tone="success">Your email address is now {profile.email}.</Alert>}
      <Card className="p-6">
        <h2 id="profile-heading" className="mb-4 text-lg font-semibold">
          Your details
        </h2>
        <ProfileForm fullname={profile.fullname} timezone={profile.timezone ?? ""} timezones={timezones} />
      </Card>
      <Card className="p-6">
        <h2 id="email-heading" className="text-lg font-semibold">
          Email address
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Now <strong className="font-medium text-slate-800">{profile.email}</strong>. We send a link to the
          new address; it changes when you open it.
        </p>
        <EmailChangeForm />
      </Card>
      <Card className="p-6">
        <h2 id="password-heading" className="mb-4 text-lg font-semibold">
          Password
        </h2>
        <PasswordChangeForm />
      </Card>
      {settings.feedbackEnabled && (
        <Card className="p-6">
          <h2 id="feedback-mail-heading" className="mb-4 text-lg font-semibold">
            Feedback emails
          </h2>
          <StatusMailToggle enabled={!optedOut} />
        </Card>
      )}
    </div>
  );
}
