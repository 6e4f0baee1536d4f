/**
 * How dates read for the person looking: their time zone (their profile's, else the help desk's) and
 * the admin's date format. Pure, so client tables format with the same rules as server pages.
 */
export type DateDisplay = { timeZone: string; pattern: string };
export const defaultDateDisplay: DateDisplay = { timeZone: "UTC", pattern: "d MMM yyyy, HH:mm" };

export function isTimeZone(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// The supported pattern letters (a subset of date-fns/Unicode patterns); text in 'quotes' is literal.
const tokens = /'([^']*)'|yyyy|yy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|HH|H|hh|h|mm|ss|a/g;

/** Formats with a pattern such as "d MMM yyyy, HH:mm" or "yyyy-MM-dd HH:mm" in the given time zone. */
export function formatDateTime(date: Date | string | null | undefined, display: DateDisplay = defaultDateDisplay): string {
  if (!date) return "";
  const value = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(value.getTime())) return "";
  const timeZone = isTimeZone(display.timeZone) ? display.timeZone : "UTC";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      weekday: "long",
    })
      .formatToParts(value)
      .map((part) => [part.type, part.value]),
  );
  const monthName = new Intl.DateTimeFormat("en-GB", { timeZone, month: "long" }).format(value);
  const hour = Number(parts.hour);
  const pad = (n: number | string) => String(n).padStart(2, "0");
  const pattern = display.pattern.trim() || defaultDateDisplay.pattern;
  return pattern.replace(tokens, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case "yyyy":
        return parts.year!;
      case "yy":
        return parts.year!.slice(-2);
      case "MMMM":
        return monthName;
      case "MMM":
        return monthName.slice(0, 3);
      case "MM":
        return pad(parts.month!);
      case "M":
        return String(Number(parts.month));
      case "dd":
        return pad(parts.day!);
      case "d":
        return String(Number(parts.day));
      case "EEEE":
        return parts.weekday!;
      case "EEE":
        return parts.weekday!.slice(0, 3);
      case "HH":
        return pad(hour);
      case "H":
        return String(hour);
      case "hh":
        return pad(hour % 12 || 12);
      case "h":
        return String(hour % 12 || 12);
      case "mm":
        return parts.minute!;
      case "ss":
        return parts.second!;
      default:
        return hour < 12 ? "AM" : "PM";
    }
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
