import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";

export default async function PortalHome() {
  const [settings, user] = await Promise.all([getSettings(), getUser()]);
  return (
    <div className="space-y-8">
      <section className="rounded-xl bg-gradient-to-br from-brand-600 to-brand-800 px-6 py-12 text-white sm:px-10">
        <h1 className="text-3xl font-semibold tracking-tight">{settings.helpdeskName} support</h1>
        <p className="mt-2 max-w-xl text-brand-100">
          Tell us what you need and we will get back to you by email. You can follow your request from the link we send you.
        </p>
      </section>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card className="p-6">
          <h2 className="text-lg font-semibold">Open a ticket</h2>
          <p className="mt-1 text-sm text-slate-600">No account needed: describe the problem and attach files.</p>
          <ButtonLink href="/open" className="mt-4">
            Open a ticket
          </ButtonLink>
        </Card>
        <Card className="p-6">
          <h2 className="text-lg font-semibold">{user ? "Your tickets" : "Follow your tickets"}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {user ? `Signed in as ${user.email}.` : "Sign in to see every ticket you have opened with us."}
          </p>
          <ButtonLink href={user ? "/account/tickets" : "/login"} variant="secondary" className="mt-4">
            {user ? "My tickets" : "Sign in"}
          </ButtonLink>
        </Card>
      </div>
    </div>
  );
}
