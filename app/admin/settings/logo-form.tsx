"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FileInput } from "@/components/ui/file-input";
import { removeLogoAction, uploadLogoAction } from "./actions";

type Values = { logo: FileList | null };

export function LogoForm({ src, custom }: { src: string; custom: boolean }) {
  const [result, setResult] = useState<{ ok: boolean; message: string }>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({ defaultValues: { logo: null } });

  const onSubmit = (values: Values) => {
    const file = values.logo?.[0];
    if (!file) return setError("logo", { message: "Choose an image." });
    if (file.size > 1024 * 1024) return setError("logo", { message: "The logo must be at most 1 MB." });
    const form = new FormData();
    form.set("logo", file);
    startTransition(async () => {
      const outcome = await uploadLogoAction(form);
      setResult({ ok: outcome.ok, message: outcome.message ?? "" });
      if (!outcome.ok && outcome.fieldErrors?.logo) setError("logo", { message: outcome.fieldErrors.logo });
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-3">
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      <div className="flex items-center gap-4">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={src} alt="Current logo" className="h-12 w-auto max-w-40 rounded bg-slate-50 p-1 ring-1 ring-slate-200" />
        {custom && (
          <Button type="button" variant="ghost" disabled={pending} onClick={() => startTransition(async () => setResult(await removeLogoAction() as { ok: boolean; message: string }))}>
            Use the built-in logo
          </Button>
        )}
      </div>
      <label htmlFor="logo" className="block text-sm font-medium text-slate-800">
        Logo (PNG, JPEG, GIF or WebP, up to 1 MB)
      </label>
      <FileInput id="logo" accept="image/png,image/jpeg,image/gif,image/webp" {...register("logo")} />
      {errors.logo?.message && (
        <p role="alert" className="text-sm text-red-700">
          {errors.logo.message}
        </p>
      )}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Uploading…" : "Upload logo"}
      </Button>
    </form>
  );
}
