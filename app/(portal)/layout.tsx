import Link from "next/link";
import { DateDisplayProvider } from "@/components/date-time";
import { getDateDisplay } from "@/lib/date-display";
import { SignOutButton } from "@/components/sign-out-button";
import { getUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";
import { logoUrl } from "@/lib/settings/branding";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const [user, settings] = await Promise.all([getUser(), getSettings()]);
  // Maintenance mode closes the portal (staff pages live outside this layout and keep working).
  if (settings.maintenanceMode) {
    return (
      <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-4 px-4 text-center">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={logoUrl(settings.logoFile)} alt="" width={48} height={48} />
        <h1 className="text-2xl font-semibold text-slate-900">{settings.helpdeskName} is under maintenance</h1>
        <p className="whitespace-pre-line text-slate-600">{settings.maintenanceMessage}</p>
      </main>
    );
  }
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={logoUrl(settings.logoFile)} alt="" width={28} height={28} className="h-7 w-auto" />
            {settings.helpdeskName}
          </Link>
          <nav aria-label="Portal" className="-mx-2 flex flex-wrap items-center gap-x-1 text-sm sm:mx-0">
            <Link href="/kb" className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3">
              Help center
            </Link>
            {settings.feedbackEnabled && (user || settings.feedbackGuestsCanRead) && (
              <Link href="/feedback" className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3">
                Feedback
              </Link>
            )}
            <Link href="/open" className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3">
              Open a ticket
            </Link>
            {user ? (
              <>
                <Link
                  href="/account/tickets"
                  className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3"
                >
                  My tickets
                </Link>
                <Link
                  href="/account/profile"
                  className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3"
                >
                  Profile
                </Link>
                <SignOutButton
                  callbackUrl="/"
                  className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3"
                />
              </>
            ) : (
              <>
                <Link href="/login" className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3">
                  Sign in
                </Link>
                {settings.selfRegistration && (
                  <Link href="/register" className="rounded-md px-2.5 py-2 whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3">
                    Register
                  </Link>
                )}
              </>
            )}
          </nav>
        </div>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6"><DateDisplayProvider value={await getDateDisplay()}>{children}</DateDisplayProvider></main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-500">
        Powered by Helpdeck ·{" "}
        <Link href="/agent" className="underline">
          Staff
        </Link>
      </footer>
    </div>
  );
}
