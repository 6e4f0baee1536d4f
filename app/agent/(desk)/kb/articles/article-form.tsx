"use client";

import Link from "next/link";
import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import type { ActionResult } from "@/lib/actions";
import { kbArticleFormSchema, type KbArticleFormInput, type KbArticleFormValues } from "@/lib/validation/kb";

export function ArticleForm({
  initial,
  categories,
  attachments,
  existingFiles,
  action,
  notice,
}: {
  initial: KbArticleFormInput;
  categories: { id: number; name: string; depth: number }[];
  attachments: { enabled: boolean; maxCount: number; maxSizeMb: number; types: string };
  existingFiles: { id: number; filename: string; size: string }[];
  action: (form: FormData) => Promise<ActionResult>;
  notice?: string;
}) {
  const { form, errors, result, pending, onSubmit } = useActionForm<KbArticleFormInput, KbArticleFormValues>(kbArticleFormSchema, initial, action);
  const { register } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5">
      {result ? <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert> : notice && <Alert tone="success">{notice}</Alert>}
      <Field id="title" label="Title" error={errors.title?.message}>
        <Input id="title" invalid={!!errors.title} {...register("title")} />
      </Field>
      <div className="grid gap-5 sm:grid-cols-3">
        <Field id="categoryId" label="Category" error={errors.categoryId?.message}>
          <Select id="categoryId" invalid={!!errors.categoryId} {...register("categoryId")}>
            <option value="">No category</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {"— ".repeat(c.depth)}
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="format" label="Written in" error={errors.format?.message}>
          <Select id="format" invalid={!!errors.format} {...register("format")}>
            <option value="markdown">Markdown</option>
            <option value="html">Rich text (HTML)</option>
          </Select>
        </Field>
        <Field id="status" label="Status" error={errors.status?.message}>
          <Select id="status" invalid={!!errors.status} {...register("status")}>
            <option value="draft">Draft (staff only)</option>
            <option value="published">Published</option>
          </Select>
        </Field>
      </div>
      <Field
        id="body"
        label="Article"
        error={errors.body?.message}
        hint="Markdown: # Heading, **bold**, - lists, [link](https://…), ``` code ```. HTML is cleaned of scripts and styles when saved."
      >
        <Textarea id="body" rows={18} className="font-mono" invalid={!!errors.body} {...register("body")} />
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-0.5" {...register("isPublic")} />
        <span>
          Public <span className="text-slate-500">— customers can read it once published. Untick for a staff-only article.</span>
        </span>
      </label>
      {existingFiles.length > 0 && (
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-800">Attached files (tick to remove)</legend>
          {existingFiles.map((f) => (
            <label key={f.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="removeAttachment" value={f.id} />
              {f.filename} <span className="text-slate-500">({f.size})</span>
            </label>
          ))}
        </fieldset>
      )}
      {attachments.enabled && (
        <Field
          id="attachments"
          label="Add files (optional)"
          error={result && !result.ok ? result.fieldErrors?.attachments : undefined}
          hint={`Up to ${attachments.maxCount} files, ${attachments.maxSizeMb} MB each. Accepted: ${attachments.types ? attachments.types.split(",").join(", ") : "any type"}.`}
        >
          <FileInput id="attachments" name="attachments" multiple />
        </Field>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save article"}
        </Button>
        <Link href="/agent/kb" className={buttonClass("secondary")}>
          Back to articles
        </Link>
      </div>
    </form>
  );
}
