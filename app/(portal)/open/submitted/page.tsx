import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Ticket opened" };

export default async function TicketSubmittedPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const ticket = z.coerce.number().int().positive().safeParse((await searchParams).ticket);
  return (
    <Card className="mx-auto max-w-xl p-8 text-center">
      <h1 className="text-2xl font-semibold">Thank you, we have your request</h1>
      {ticket.success && (
        <p className="mt-3 text-lg">
          Your ticket number is <strong>#{ticket.data}</strong>.
        </p>
      )}
      <p className="mt-3 text-slate-600">
        We sent a confirmation to your email address with a private link to follow the ticket and reply.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 underline">
        Back to the help desk
      </Link>
    </Card>
  );
}
