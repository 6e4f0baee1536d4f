import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import { requireAdmin } from "@/lib/auth/session";

/** Sections of the admin area; a section appears here once its pages exist. */
const sections = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/departments", label: "Departments" },
  { href: "/admin/staff", label: "Staff" },
  { href: "/admin/email", label: "Email" },
  { href: "/admin/templates", label: "Templates" },
  { href: "/admin/canned", label: "Canned responses" },
  { href: "/admin/priorities", label: "Priorities" },
  { href: "/admin/custom-fields", label: "Custom fields" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/api-keys", label: "API keys" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAdmin();
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-slate-100">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2.5 sm:px-6">
          <div className="flex min-w-0 items-center gap-6">
            <Link href="/agent" className="flex items-center gap-2 font-semibold">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src="/logo.svg" alt="" width={24} height={24} />
              Admin
            </Link>
            <nav aria-label="Admin" className="-mx-1 flex max-w-[calc(100vw-8rem)] gap-1 overflow-x-auto text-sm whitespace-nowrap lg:max-w-none lg:flex-wrap">
              {sections.map((section) => (
                <Link key={section.href} href={section.href} className="rounded px-2.5 py-1.5 hover:bg-slate-800">
                  {section.label}
                </Link>
              ))}
              <Link href="/agent" className="rounded px-2.5 py-1.5 text-slate-400 hover:bg-slate-800">
                Back to tickets
              </Link>
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-300">{actor.fullname}</span>
            <SignOutButton callbackUrl="/agent/login" className="rounded px-2.5 py-1.5 hover:bg-slate-800" />
          </div>
        </div>
      </header>
      <div className="px-4 py-6 sm:px-6">{children}</div>
    </div>
  );
}
