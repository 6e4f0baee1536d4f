"use client";

import { signOut } from "next-auth/react";

export function SignOutButton({ callbackUrl, className }: { callbackUrl: string; className?: string }) {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl })} className={className}>
      Sign out
    </button>
  );
}
