import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import type { StaffActor } from "@/lib/auth/actors";
import { requireStaff } from "@/lib/auth/session";

/**
 * The shape of a staff server action outside tickets (knowledge base, feedback): staff check, zod parse,
 * domain call, then the given layouts revalidated outside the try. The work returns the success message.
 */
export async function staffAction<S extends z.ZodType>(
  schema: S,
  input: unknown,
  work: (data: z.output<S>, actor: StaffActor) => Promise<string>,
  layouts: string[],
): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let message: string;
  try {
    message = await work(parsed.data, actor);
  } catch (error) {
    return actionError(error);
  }
  for (const path of layouts) revalidatePath(path, "layout");
  return { ok: true, message };
}
