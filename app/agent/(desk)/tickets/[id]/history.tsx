import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import type { TicketHistoryEntry } from "@/lib/tickets/queries";
import { statusLabel } from "@/lib/tickets/status";

const describe = (entry: TicketHistoryEntry): string => {
  const d = (entry.details ?? {}) as Record<string, unknown>;
  switch (entry.action) {
    case "created":
      return `opened the ticket (${String(d.source ?? "web")})`;
    case "staff_replied":
      return d.statusTo ? `replied and set ${statusLabel(Number(d.statusTo))}` : "replied";
    case "customer_replied":
      return `replied${d.via ? ` via ${String(d.via)}` : ""}`;
    case "note_added":
      return "added a note";
    case "note_edited":
      return "edited a note";
    case "note_deleted":
      return "deleted a note";
    case "updated": {
      const parts = Object.entries(d).map(([field, change]) => {
        const to = (change as { to?: unknown })?.to;
        return field === "status" ? `status → ${statusLabel(Number(to))}` : `${field} changed`;
      });
      return parts.join(", ") || "updated the ticket";
    }
    case "fields_updated": {
      const fields = Array.isArray(d.fields) ? (d.fields as { title: string; to: string }[]) : [];
      const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
      return fields.map((f) => (f.to ? `set ${f.title} to “${short(f.to)}”` : `cleared ${f.title}`)).join(", ") || "edited the fields";
    }
    case "closed":
      return d.reason === "auto_close" ? `closed the ticket after ${String(d.hours)} hours without a customer reply` : "closed the ticket";
    case "link_viewed":
      return "viewed the ticket through its link";
    case "participant_added":
      return `added ${String(d.email)} in CC`;
    case "participant_removed":
      return `removed ${String(d.email)} from CC`;
    case "merged_from":
      return `merged ticket #${String(d.ticketId)} into this one`;
    case "merged_into":
      return `merged this ticket into #${String(d.ticketId)}`;
    case "link_regenerated":
      return "made a new ticket link";
    default:
      return entry.action.replaceAll("_", " ");
  }
};

const who = (entry: TicketHistoryEntry) =>
  entry.staffName ?? { user: "Customer", guest: "Visitor", system: "System", api: "API", staff: "Staff" }[entry.actorType];

export async function TicketHistory({ entries }: { entries: TicketHistoryEntry[] }) {
  const dateDisplay = await getDateDisplay();
  return (
    <ol className="space-y-2 text-xs text-slate-600">
      {entries.map((entry) => (
        <li key={entry.id}>
          <span className="font-medium text-slate-800">{who(entry)}</span> {describe(entry)}
          <div className="text-slate-400">{formatDateTime(entry.createdAt, dateDisplay)}</div>
        </li>
      ))}
    </ol>
  );
}
