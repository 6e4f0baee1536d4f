import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import type { StaffActor } from "@/lib/auth/actors";
import { requireAdmin } from "@/lib/auth/session";
import { recordAudit, type AuditTarget } from "@/lib/audit";
import { requestIp } from "@/lib/request";

export type AdminContext = {
  actor: StaffActor;
  ip: string;
  /** Writes the audit entry for this action (actor and IP filled in). */
  audit: (action: string, target: AuditTarget, details?: Record<string, unknown> | null) => Promise<void>;
};

/**
 * The one shape of an admin server action: admin check (agents get a 404), zod parse, domain call,
 * audit entry, then revalidation outside the try. The work returns the success message (and data).
 */
export async function adminAction<S extends z.ZodType, T = undefined>(
  schema: S,
  input: unknown,
  work: (data: z.output<S>, context: AdminContext) => Promise<{ message: string; data?: T }>,
  revalidate: string[] = [],
): Promise<ActionResult<T>> {
  const actor = await requireAdmin();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const ip = await requestIp();
  const context: AdminContext = {
    actor,
    ip,
    audit: (action, target, details) => recordAudit(actor, action, target, details ?? null, ip),
  };
  let result;
  try {
    result = await work(parsed.data, context);
  } catch (error) {
    return actionError(error);
  }
  for (const path of revalidate) revalidatePath(path);
  return { ok: true, message: result.message, data: result.data };
}
