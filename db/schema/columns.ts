import { int, timestamp } from "drizzle-orm/mysql-core";

/** Numeric, auto-increment ids: HelpDeskZ's API exposes them as numbers. */
export const id = () => int("id", { unsigned: true }).autoincrement().primaryKey();
export const ref = (name: string) => int(name, { unsigned: true });
export const createdAt = () => timestamp("created_at", { mode: "date" }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { mode: "date" }).notNull().defaultNow().onUpdateNow();
