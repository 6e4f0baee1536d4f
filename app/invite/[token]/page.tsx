import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getInvitation } from "@/lib/staff/manage";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Set your password" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitation(token);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <Card className="p-6">
        {invitation ? (
          <>
            <h1 className="text-xl font-semibold text-slate-900">Welcome, {invitation.fullname}</h1>
            <p className="mt-1 mb-5 text-sm text-slate-600">
              Choose a password. You will sign in with the username <strong>{invitation.username}</strong> or your email.
            </p>
            <InviteForm token={token} />
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold text-slate-900">This link no longer works</h1>
            <p className="mt-2 text-sm text-slate-600">
              The invitation is invalid, already used or expired. Ask an admin to send you a new one, or{" "}
              <Link href="/agent/login" className="underline">
                sign in
              </Link>{" "}
              if you already set your password.
            </p>
          </>
        )}
      </Card>
    </main>
  );
}
