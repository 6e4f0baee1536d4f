import type { z } from "zod";
import { ApiFailure } from "./http";

/**
 * Collects field problems the way HelpDeskZ's validator reports them: the first problem of each
 * field, in the order the fields are declared, joined by spaces into one `{"error":1}` message.
 */
export class FieldErrors {
  private readonly errors = new Map<string, string>();
  constructor(private readonly order: readonly string[]) {}

  add(field: string, message: string) {
    if (!this.errors.has(field)) this.errors.set(field, message);
  }

  has(field: string) {
    return this.errors.has(field);
  }

  /** Parses one field with its zod schema (whose messages are HelpDeskZ's); undefined when invalid. */
  field<T>(name: string, schema: z.ZodType<T>, value: unknown): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    this.add(name, result.error.issues[0]?.message ?? "Invalid value.");
    return undefined;
  }

  throwIfAny() {
    if (this.errors.size === 0) return;
    const keys = [...this.order, ...[...this.errors.keys()].filter((k) => !this.order.includes(k))];
    throw new ApiFailure(keys.flatMap((k) => (this.errors.has(k) ? [this.errors.get(k)!] : [])).join(" "));
  }
}
