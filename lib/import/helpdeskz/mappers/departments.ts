import type { departments, priorities } from "@/db/schema";
import type { EntityReport } from "../report";
import type { DepartmentRow, PriorityRow } from "../schema";
import { unescapeHtml } from "../php";
import { clip } from "./context";

export function mapDepartment(
  row: DepartmentRow,
  report: EntityReport,
): typeof departments.$inferInsert | null {
  const name = unescapeHtml(row.name).trim();
  if (!name) {
    report.adjust("empty name: named after its id", row.id);
  }
  return {
    id: row.id,
    name: clip(name || `Department ${row.id}`, 200),
    // HelpDeskZ's private departments are hidden from customers: the same meaning as is_private here.
    isPrivate: row.private === 1,
    sortOrder: Math.max(-32768, Math.min(32767, row.dep_order)),
  };
}

export function mapPriority(row: PriorityRow, report: EntityReport): typeof priorities.$inferInsert {
  let color = row.color.trim();
  if (/^#[0-9a-f]{3}$/i.test(color)) color = `#${[...color.slice(1)].map((c) => c + c).join("")}`;
  if (!/^#[0-9a-f]{6}$/i.test(color)) {
    report.adjust("colour is not #rrggbb: default grey", row.id);
    color = "#64748b";
  }
  return {
    id: row.id,
    name: clip(unescapeHtml(row.name).trim() || `Priority ${row.id}`, 100),
    color: color.toLowerCase(),
    sortOrder: Math.min(row.id, 32767),
  };
}
