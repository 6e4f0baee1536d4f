import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  const [settings, user] = await Promise.all([getSettings(), getUser()]);
  // Without self-registration the page does not exist.
  if (!settings.selfRegistration) notFound();
  if (user) redirect("/account/tickets");
  return (
    <Card className="mx-auto max-w-md p-8">
      <h1 className="mb-1 text-2xl font-semibold">Create an account</h1>
      <p className="mb-6 text-sm text-slate-600">See and answer all your tickets in one place.</p>
      <RegisterForm />
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
