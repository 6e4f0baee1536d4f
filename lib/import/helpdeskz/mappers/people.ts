// Staff and customers. Password hashes are copied as they are: PHP's password_hash() writes bcrypt
// ($2y$), which lib/auth/password verifies and upgrades to argon2id on the next sign-in.
import { z } from "zod";
import type { staff, users } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import type { EntityReport } from "../report";
import type { StaffRow, UserRow } from "../schema";
import { fromUnix, phpListOfStrings, plainTextOf, tryUnserialize, unescapeHtml } from "../php";
import { htmlToText } from "./content";
import { clip } from "./context";

const bcrypt = /^\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}$/;
const email = z.email();

/** A hash lib/auth/password can verify, or null (HelpDeskZ 1.x sha1 hashes, empty passwords). */
function keptHash(hash: string, id: number, report: EntityReport): string | null {
  if (bcrypt.test(hash) || hash.startsWith("$argon2")) return hash;
  report.adjust(
    /^[0-9a-f]{40}$/i.test(hash)
      ? "old HelpDeskZ 1.x sha1 password: must reset the password"
      : "no usable password: must reset the password",
    id,
  );
  return null;
}

export function mapStaff(
  row: StaffRow,
  report: EntityReport,
  taken: { usernames: Set<string>; emails: Set<string> },
) {
  let username = row.username.trim() || `staff${row.id}`;
  if (taken.usernames.has(username.toLowerCase())) {
    report.adjust("username already used by another staff member: id appended", row.id);
    username = `${username}-${row.id}`;
  }
  let address = (row.email ?? "").trim().toLowerCase();
  if (!email.safeParse(address).success || taken.emails.has(address)) {
    report.adjust(
      address
        ? "email invalid or shared with another staff member: placeholder address"
        : "no email: placeholder address",
      row.id,
    );
    address = `staff-${row.id}@helpdeskz-import.invalid`;
  }
  taken.usernames.add(username.toLowerCase());
  taken.emails.add(address);

  let twoFactorSecret: string | null = null;
  const secret = (row.two_factor ?? "").trim().toUpperCase();
  if (secret) {
    if (/^[A-Z2-7]{16,128}=*$/.test(secret)) twoFactorSecret = encryptSecret(secret.replace(/=+$/, ""));
    else report.adjust("two-factor secret not understood: two-factor sign-in is off", row.id);
  }
  const departmentIds = phpListOfStrings(tryUnserialize(row.department))
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);

  const value: typeof staff.$inferInsert = {
    id: row.id,
    username: clip(username, 100),
    fullname: clip(unescapeHtml(row.fullname).trim() || username, 200),
    email: address,
    // staff.password_hash is NOT NULL: "" never verifies, so the person resets it (Forgot password).
    passwordHash: keptHash(row.password, row.id, report) ?? "",
    role: row.admin === 1 ? "admin" : "agent",
    active: row.active === 1,
    signature: signatureText(row, report),
    timezone: row.timezone?.trim() ? clip(row.timezone.trim(), 64) : null,
    twoFactorSecret,
    lastLoginAt: fromUnix(row.login) ?? fromUnix(row.last_login),
    createdAt: fromUnix(row.registration) ?? new Date(),
  };
  return { value, departmentIds };
}

/** Signatures are appended to text replies here; HelpDeskZ's come from its HTML editor. */
function signatureText(row: StaffRow, report: EntityReport): string | null {
  const html = row.signature?.trim();
  if (!html) return null;
  const plain = plainTextOf(html);
  if (plain !== null) return plain.trim() || null;
  report.adjust("HTML signature turned into plain text", row.id);
  return htmlToText(html) || null;
}

export function mapUser(row: UserRow, report: EntityReport): typeof users.$inferInsert | null {
  const address = row.email.trim().toLowerCase();
  if (!email.safeParse(address).success) {
    report.skip("email address is not valid", row.id);
    return null;
  }
  return {
    id: row.id,
    fullname: clip(unescapeHtml(row.fullname).trim() || address.split("@")[0]!, 200),
    email: clip(address, 254),
    passwordHash: keptHash(row.password, row.id, report),
    timezone: row.timezone?.trim() ? clip(row.timezone.trim(), 64) : null,
    // HelpDeskZ's users.status: 1 active, 0 disabled (cannot sign in).
    blocked: row.status !== 1,
    lastLoginAt: fromUnix(row.last_login),
    createdAt: fromUnix(row.registration) ?? new Date(),
  };
}
