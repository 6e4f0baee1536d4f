import { displayFieldValue, type CustomFieldDefinition } from "@/lib/custom-fields/schema";

type StoredValue = Pick<CustomFieldDefinition, "id" | "type" | "title" | "options"> & { value: string };

/** A ticket's custom field values, read-only (agent side panel, customer views). */
export function FieldValues({ values, empty, label = "Ticket details" }: { values: StoredValue[]; empty?: string; label?: string }) {
  if (values.length === 0) return empty ? <p className="text-sm text-slate-500">{empty}</p> : null;
  return (
    <dl aria-label={label} className="space-y-2 text-sm">
      {values.map((v) => (
        <div key={v.id}>
          <dt className="text-slate-500">{v.title}</dt>
          <dd className="break-words whitespace-pre-line text-slate-900">{displayFieldValue(v, v.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
