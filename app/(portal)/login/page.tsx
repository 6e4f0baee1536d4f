import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { Card } from "@/components/ui/card";
import { getUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function CustomerLoginPage() {
  if (await getUser()) redirect("/account/tickets");
  return (
    <Card className="mx-auto max-w-md p-8">
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">See and answer every ticket you have opened with us.</p>
      <SignInForm kind="customer" callbackUrl="/account/tickets" />
    </Card>
  );
}
