"use client";

import { useEffect, useRef, useState } from "react";
import { Select } from "@/components/ui/field";
import { organizationOptionsAction } from "./organization-options";

type Option = { id: number; name: string };

/**
 * The queue's organization filter. Its options load when "More filters" opens (or the field gets focus)
 * rather than with every queue page: a help desk with thousands of organizations would otherwise render
 * and send them all (most of the page's HTML) on each visit. The chosen organization is there at once.
 */
export function OrganizationFilter({ selected, className }: { selected?: Option; className?: string }) {
  const ref = useRef<HTMLSelectElement>(null);
  const requested = useRef(false);
  const [options, setOptions] = useState<Option[] | null>(null);
  const load = () => {
    if (requested.current) return;
    requested.current = true;
    organizationOptionsAction().then(setOptions, () => {
      requested.current = false; // try again on the next focus
    });
  };
  useEffect(() => {
    const details = ref.current?.closest("details");
    if (!details || details.open) return load();
    details.addEventListener("toggle", load, { once: true });
    return () => details.removeEventListener("toggle", load);
  });
  const shown = options ?? (selected ? [selected] : []);
  return (
    <Select ref={ref} id="organization" name="organization" defaultValue={selected?.id ?? ""} onFocus={load} className={className}>
      <option value="">Any organization</option>
      {shown.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </Select>
  );
}
