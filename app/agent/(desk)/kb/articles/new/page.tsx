import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { categoryTree } from "@/lib/kb/manage";
import { listCategories } from "@/lib/kb/queries";
import { getSettings } from "@/lib/settings";
import { saveArticleAction } from "../../actions";
import { ArticleForm } from "../article-form";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage({ searchParams }: { searchParams: Promise<{ category?: string }> }) {
  await requireStaff();
  const [categories, settings, { category }] = await Promise.all([listCategories(), getSettings(), searchParams]);
  return (
    <div>
      <PageHeader title="New article" description="Drafts are visible to staff only until you publish them." />
      <ArticleForm
        initial={{ title: "", categoryId: categories.some((c) => String(c.id) === category) ? category : "", format: "markdown", body: "", status: "draft", isPublic: true }}
        categories={categoryTree(categories)}
        attachments={{ enabled: settings.attachmentsEnabled, maxCount: settings.attachmentsMaxCount, maxSizeMb: settings.attachmentsMaxSizeMb, types: settings.attachmentsAllowedTypes }}
        existingFiles={[]}
        action={saveArticleAction.bind(null, null)}
      />
    </div>
  );
}
