import type { ComponentProps, ReactNode } from "react";

const control =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus:outline-none";
const ringFor = (invalid?: boolean) => (invalid ? "ring-red-400" : "ring-slate-300");

/** A labelled form control with its hint and error message, wired for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

type Invalid = { invalid?: boolean };

export function Input({ invalid, className = "", ...props }: ComponentProps<"input"> & Invalid) {
  return (
    <input
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && props.id ? `${props.id}-error` : undefined}
      className={`${control} ${ringFor(invalid)} ${className}`}
      {...props}
    />
  );
}

export function Textarea({ invalid, className = "", ...props }: ComponentProps<"textarea"> & Invalid) {
  return (
    <textarea
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && props.id ? `${props.id}-error` : undefined}
      className={`${control} ${ringFor(invalid)} ${className}`}
      {...props}
    />
  );
}

export function Select({ invalid, className = "", ...props }: ComponentProps<"select"> & Invalid) {
  return (
    <select
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && props.id ? `${props.id}-error` : undefined}
      className={`${control} ${ringFor(invalid)} ${className}`}
      {...props}
    />
  );
}
