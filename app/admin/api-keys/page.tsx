import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { allApiPermissions, listApiKeys, parseIpAllowlist } from "@/lib/api-keys";
import { requireAdmin } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const dateDisplay = await getDateDisplay();
  await requireAdmin();
  const keys = await listApiKeys();
  return (
    <div>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for the HelpDeskZ-compatible token API. Integrations send a key in a <code className="font-mono">Token:</code> header;
            the API is described at <a className="underline" href="/api/openapi.json">/api/openapi.json</a>.
          </>
        }
        actions={<ButtonLink href="/admin/api-keys/new">New API key</ButtonLink>}
      />
      <Card className="overflow-x-auto">
        {keys.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No API keys yet.</p>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Name</th>
                <th scope="col" className="px-4 py-2 font-medium">Token</th>
                <th scope="col" className="px-4 py-2 font-medium">Permissions</th>
                <th scope="col" className="px-4 py-2 font-medium">Allowed IPs</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Last used</th>
                <th scope="col" className="px-4 py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((key) => {
                const ips = parseIpAllowlist(key.ipAllowlist);
                return (
                  <tr key={key.id}>
                    <td className="px-4 py-2 font-medium">
                      <Link href={`/admin/api-keys/${key.id}`} className="text-brand-700 hover:underline">
                        {key.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2 font-mono text-slate-600">{key.tokenPrefix}…</td>
                    <td className="px-4 py-2 tabular-nums">
                      {key.permissions.length === allApiPermissions.length ? "All" : `${key.permissions.length} of ${allApiPermissions.length}`}
                    </td>
                    <td className="px-4 py-2 text-slate-600">{ips.length === 0 ? "Any" : ips.slice(0, 2).join(", ") + (ips.length > 2 ? ` +${ips.length - 2}` : "")}</td>
                    <td className="px-4 py-2">
                      <span className={key.active ? "text-emerald-700" : "text-slate-500"}>{key.active ? "Active" : "Inactive"}</span>
                    </td>
                    <td className="px-4 py-2 text-slate-600">
                      {key.lastUsedAt ? `${formatDateTime(key.lastUsedAt, dateDisplay)} from ${key.lastUsedIp ?? "?"}` : "Never"}
                    </td>
                    <td className="px-4 py-2 text-slate-600">{formatDateTime(key.createdAt, dateDisplay)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
