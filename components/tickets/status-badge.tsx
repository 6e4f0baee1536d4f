import { statusLabel } from "@/lib/tickets/status";

const tones: Record<number, string> = {
  1: "bg-sky-100 text-sky-800",
  2: "bg-emerald-100 text-emerald-800",
  3: "bg-amber-100 text-amber-900",
  4: "bg-violet-100 text-violet-800",
  5: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: number }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${tones[status] ?? tones[5]}`}>
      {statusLabel(status)}
    </span>
  );
}
