import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { getApiKeyOrThrow, isApiPermission, parseIpAllowlist } from "@/lib/api-keys";
import { requireAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { apiKeyIdSchema } from "@/lib/validation/api-keys";
import { ApiKeyForm } from "../api-key-form";
import { KeyActions } from "../key-actions";

export const metadata: Metadata = { title: "API key" };

async function loadKey(idParam: string) {
  const id = apiKeyIdSchema.safeParse(idParam);
  if (!id.success) notFound();
  try {
    return await getApiKeyOrThrow(id.data);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function ApiKeyPage({ params }: { params: Promise<{ id: string }> }) {
  const dateDisplay = await getDateDisplay();
  await requireAdmin();
  const key = await loadKey((await params).id);
  return (
    <div className="space-y-6">
      <PageHeader
        title={key.name}
        description={
          <>
            Token <code className="font-mono">{key.tokenPrefix}…</code> · created {formatDateTime(key.createdAt, dateDisplay)} · last used{" "}
            {key.lastUsedAt ? `${formatDateTime(key.lastUsedAt, dateDisplay)} from ${key.lastUsedIp ?? "?"}` : "never"}
          </>
        }
      />
      <Card className="p-6">
        <KeyActions id={key.id} name={key.name} active={key.active} />
      </Card>
      <Card className="p-6">
        <ApiKeyForm
          mode="edit"
          id={key.id}
          initial={{
            name: key.name,
            permissions: key.permissions.filter(isApiPermission),
            ipAllowlist: parseIpAllowlist(key.ipAllowlist).join("\n"),
            rateLimitPerMinute: key.rateLimitPerMinute,
            active: key.active,
          }}
        />
      </Card>
    </div>
  );
}
