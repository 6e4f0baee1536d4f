import Link from "next/link";
import { DateDisplayProvider } from "@/components/date-time";
import { getDateDisplay } from "@/lib/date-display";
import { SignOutButton } from "@/components/sign-out-button";
import { requireStaff } from "@/lib/auth/session";
import { countPendingFeedback } from "@/lib/feedback/queries";
import { getSettings } from "@/lib/settings";

export default async function AgentLayout({ children }: { children: React.ReactNode }) {
  const [actor, settings, pendingFeedback] = await Promise.all([requireStaff(), getSettings(), countPendingFeedback()]);
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-slate-100">
        <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-2.5 sm:px-6">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <Link href="/agent" className="flex items-center gap-2 font-semibold">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src="/logo.svg" alt="" width={24} height={24} />
              {settings.helpdeskName}
            </Link>
            <nav aria-label="Agent" className="flex flex-wrap gap-1 text-sm">
              <Link href="/agent" className="rounded px-2.5 py-1.5 hover:bg-slate-800">
                Tickets
              </Link>
              {[
                ["/agent/dashboard", "Dashboard"],
                ["/agent/customers", "Customers"],
                ["/agent/organizations", "Organizations"],
                ["/agent/kb", "Knowledge base"],
                ["/agent/feedback", "Feedback"],
                ["/agent/profile", "Profile"],
              ].map(([href, label]) => (
                <Link key={href} href={href} className="rounded px-2.5 py-1.5 hover:bg-slate-800">
                  {label}
                  {href === "/agent/feedback" && pendingFeedback > 0 && (
                    <span className="ml-1.5 rounded-full bg-amber-400 px-1.5 py-0.5 text-xs font-semibold text-slate-900" title="Awaiting approval">
                      {pendingFeedback}
                      <span className="sr-only"> awaiting approval</span>
                    </span>
                  )}
                </Link>
              ))}
              {actor.role === "admin" && (
                <Link href="/admin" className="rounded px-2.5 py-1.5 hover:bg-slate-800">
                  Admin
                </Link>
              )}
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-300">
              {actor.fullname} <span className="text-slate-500">({actor.role})</span>
            </span>
            <SignOutButton callbackUrl="/agent/login" className="rounded px-2.5 py-1.5 hover:bg-slate-800" />
          </div>
        </div>
      </header>
      <div className="px-4 py-6 sm:px-6"><DateDisplayProvider value={await getDateDisplay()}>{children}</DateDisplayProvider></div>
    </div>
  );
}
