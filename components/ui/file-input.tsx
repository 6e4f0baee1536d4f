import type { ComponentProps } from "react";

export function FileInput({ className = "", ...props }: ComponentProps<"input">) {
  return (
    <input
      type="file"
      className={`block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200 ${className}`}
      {...props}
    />
  );
}
