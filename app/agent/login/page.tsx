import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { hasStaffSession } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";
import { hasAnyStaff } from "@/lib/staff/manage";

export const metadata: Metadata = { title: "Staff sign in" };

export default async function StaffLoginPage() {
  if (await hasStaffSession()) redirect("/agent");
  if (!(await hasAnyStaff())) redirect("/setup");
  const { helpdeskName } = await getSettings();
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-900 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/logo.svg" alt="" width={32} height={32} />
          <div>
            <h1 className="text-lg font-semibold leading-tight">{helpdeskName}</h1>
            <p className="text-xs text-slate-500">Staff sign in</p>
          </div>
        </div>
        <SignInForm kind="staff" callbackUrl="/agent" />
      </div>
    </main>
  );
}
