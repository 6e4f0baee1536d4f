import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";
import { CheckTicketForm } from "./check-ticket-form";

export default async function PortalHome() {
  const [settings, user] = await Promise.all([getSettings(), getUser()]);
  return (
    <div className="space-y-8">
      <section className="flex items-center gap-5 rounded-xl bg-gradient-to-br from-brand-600 to-brand-800 px-6 py-10 text-white sm:px-10 sm:py-12">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src="/logo.svg"
          alt=""
          width={56}
          height={56}
          className="hidden rounded-lg bg-white/95 p-2 sm:block"
        />
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">{settings.helpdeskName} support</h1>
          <p className="mt-2 max-w-xl text-brand-100">
            Tell us what you need and we will get back to you by email. You can follow your request from the
            link we send you.
          </p>
        </div>
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="p-6">
          <h2 className="text-lg font-semibold">Open a ticket</h2>
          <p className="mt-1 text-sm text-slate-600">
            No account needed: describe the problem and attach files.
          </p>
          <ButtonLink href="/open" className="mt-4">
            Open a ticket
          </ButtonLink>
        </Card>
        <Card className="p-6">
          <h2 className="text-lg font-semibold">{user ? "Your tickets" : "Follow your tickets"}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {user
              ? `Signed in as ${user.email}.`
              : settings.selfRegistration
                ? "Sign in, or create an account, to see every ticket you have opened with us."
                : "Sign in to see every ticket you have opened with us."}
          </p>
          <div className="mt-4 flex flex-wrap gap-2">
            <ButtonLink href={user ? "/account/tickets" : "/login"} variant="secondary">
              {user ? "My tickets" : "Sign in"}
            </ButtonLink>
            {!user && settings.selfRegistration && (
              <ButtonLink href="/register" variant="ghost">
                Create an account
              </ButtonLink>
            )}
          </div>
        </Card>
      </div>
      <Card className="p-6">
        <h2 className="text-lg font-semibold">Check a ticket</h2>
        <p className="mt-1 text-sm text-slate-600">
          Lost the email with your ticket&apos;s link? Enter the ticket number and your email address and we
          will send it again.
        </p>
        <CheckTicketForm />
      </Card>
    </div>
  );
}
