import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeleteButton } from "@/app/admin/delete-button";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatBytes, formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { categoryTree, getArticleForEdit } from "@/lib/kb/manage";
import { listCategories } from "@/lib/kb/queries";
import { articlePath } from "@/lib/kb/text";
import { getSettings } from "@/lib/settings";
import { deleteArticleAction, saveArticleAction } from "../../actions";
import { ArticleForm } from "../article-form";
import { StatusToggle } from "../../status-toggle";

export const metadata: Metadata = { title: "Edit article" };

export default async function EditArticlePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const dateDisplay = await getDateDisplay();
  const actor = await requireStaff();
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  if (!id.success) notFound();
  let article;
  try {
    article = await getArticleForEdit(actor, id.data);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const [categories, settings, { created }] = await Promise.all([listCategories(), getSettings(), searchParams]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={article.title}
        description={
          <>
            {article.status === "published" ? "Published" : "Draft"} · {article.isPublic ? "public" : "staff only"} · {article.views} views · {article.helpfulYes} found it
            helpful, {article.helpfulNo} did not · updated {formatDateTime(article.updatedAt, dateDisplay)}
          </>
        }
        actions={
          <>
            <Link href={articlePath(article)} className="rounded-md px-3.5 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50">
              View on the help center
            </Link>
            <StatusToggle id={article.id} status={article.status} title={article.title} />
          </>
        }
      />
      <ArticleForm
        key={`${article.updatedAt.getTime()}-${article.status}`}
        initial={{ title: article.title, categoryId: article.categoryId == null ? "" : String(article.categoryId), format: article.format, body: article.body, status: article.status, isPublic: article.isPublic }}
        categories={categoryTree(categories)}
        attachments={{ enabled: settings.attachmentsEnabled, maxCount: settings.attachmentsMaxCount, maxSizeMb: settings.attachmentsMaxSizeMb, types: settings.attachmentsAllowedTypes }}
        existingFiles={article.attachments.map((f) => ({ id: f.id, filename: f.filename, size: formatBytes(f.size) }))}
        action={saveArticleAction.bind(null, article.id)}
        notice={created ? "Article created." : undefined}
      />
      <div className="max-w-3xl border-t border-slate-200 pt-6">
        <DeleteButton label="Delete article" confirm={`Delete “${article.title}” and its files? This cannot be undone.`} action={deleteArticleAction.bind(null, article.id)} />
      </div>
    </div>
  );
}
