"use client";

import { createContext, useContext } from "react";
import { defaultDateDisplay, formatDateTime, type DateDisplay } from "@/lib/format";

// Client tables format dates with the same time zone and pattern as server pages: the layout
// resolves them once per request (lib/date-display) and hands them down here.
const DateDisplayContext = createContext<DateDisplay>(defaultDateDisplay);

export function DateDisplayProvider({ value, children }: { value: DateDisplay; children: React.ReactNode }) {
  return <DateDisplayContext.Provider value={value}>{children}</DateDisplayContext.Provider>;
}

export function DateTime({ value }: { value: Date | string | null | undefined }) {
  const display = useContext(DateDisplayContext);
  const date = typeof value === "string" ? new Date(value) : value;
  return <time dateTime={date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined}>{formatDateTime(value, display)}</time>;
}
