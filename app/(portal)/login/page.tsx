import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Sign in" };

const notices: Record<string, string> = {
  reset: "Your new password is set. Sign in with it.",
  registered: "Your account is ready. Sign in.",
  email: "Your email address is changed. Sign in again if you were signed out.",
};

export default async function CustomerLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  const [user, settings, query] = await Promise.all([getUser(), getSettings(), searchParams]);
  if (user) redirect("/account/tickets");
  const notice = notices[query.done ?? ""];
  // Back to the page that asked for a sign-in (feedback, …): a path on this site only, never another host.
  const next = typeof query.next === "string" && /^\/(?![/\\])[^\s]*$/.test(query.next) ? query.next : "/account/tickets";
  return (
    <Card className="mx-auto max-w-md p-8">
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">See and answer every ticket you have opened with us.</p>
      {notice && (
        <div className="mb-5">
          <Alert tone="success">{notice}</Alert>
        </div>
      )}
      <SignInForm kind="customer" callbackUrl={next} />
      <div className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
          Forgot your password?
        </Link>
        {settings.selfRegistration && (
          <Link href="/register" className="font-medium text-brand-700 hover:underline">
            Create an account
          </Link>
        )}
      </div>
      <p className="mt-4 text-xs text-slate-500">
        Opened a ticket without an account? Use “Forgot your password?” to set one.
      </p>
    </Card>
  );
}
