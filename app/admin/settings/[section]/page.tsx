import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listDepartmentsWithCounts } from "@/lib/departments";
import { getSettings, type Settings } from "@/lib/settings";
import { logoUrl } from "@/lib/settings/branding";
import { settingsSections, type SettingsSection } from "@/lib/validation/admin";
import { LogoForm } from "../logo-form";
import { SettingsForm, type SettingField } from "../settings-form";

export const metadata: Metadata = { title: "Settings" };

const sections: Record<SettingsSection, { title: string; description: string; fields: SettingField[] }> = {
  tickets: {
    title: "Tickets",
    description: "When a ticket is overdue, when answered tickets close, list sizes and attachments.",
    fields: [
      { name: "overdueHours", label: "Overdue after (hours without activity)", kind: "number", hint: "Open, awaiting-reply and in-progress tickets older than this show in the Overdue view." },
      { name: "autoCloseHours", label: "Close answered tickets after (hours)", kind: "number", hint: "0 never closes them automatically." },
      { name: "pageSize", label: "Tickets per page", kind: "number" },
      { name: "replyOrder", label: "Message order", kind: "select", options: [{ value: "asc", label: "Oldest first" }, { value: "desc", label: "Newest first" }] },
      { name: "attachmentsEnabled", label: "Accept attachments", kind: "checkbox" },
      { name: "attachmentsMaxCount", label: "Files per message", kind: "number" },
      { name: "attachmentsMaxSizeMb", label: "Largest file (MB)", kind: "number", step: "0.01" },
      { name: "attachmentsAllowedTypes", label: "Allowed file types", kind: "text", hint: "Extensions, separated by commas. Empty accepts any type." },
    ],
  },
  general: {
    title: "General",
    description: "Name, address, time and the maintenance switch.",
    fields: [
      { name: "helpdeskName", label: "Help desk name", kind: "text" },
      { name: "helpdeskUrl", label: "Help desk URL", kind: "text", hint: "Used in the links of emails. Empty: the server's own address." },
      { name: "timezone", label: "Time zone", kind: "text", hint: "For example Europe/Paris, America/New_York or UTC. People with a time zone in their profile see theirs." },
      { name: "dateFormat", label: "Date format", kind: "text", hint: "Letters: yyyy yy MMMM MMM MM M dd d EEEE EEE HH H hh h mm ss a; 'text' in quotes. E.g. d MMM yyyy, HH:mm." },
      { name: "selfRegistration", label: "Customers may register themselves", kind: "checkbox" },
      { name: "maintenanceMode", label: "Maintenance mode", kind: "checkbox", hint: "The portal shows the message below; staff keep working." },
      { name: "maintenanceMessage", label: "Maintenance message", kind: "textarea" },
    ],
  },
  portals: {
    title: "Portals",
    description: "Where customers can open and follow tickets.",
    fields: [
      { name: "publicPortal", label: "Public portal", kind: "checkbox", hint: "Visitors may open tickets without an account." },
      { name: "privatePortal", label: "Private portal", kind: "checkbox", hint: "Signed-in customers may open tickets and see theirs." },
    ],
  },
  security: {
    title: "Security",
    description: "Sign-in limits, session length and two-factor sign-in.",
    fields: [
      { name: "signInAttempts", label: "Failed sign-ins allowed", kind: "number", hint: "Per account and per address, within the window below." },
      { name: "signInWindowMinutes", label: "Window (minutes)", kind: "number" },
      { name: "sessionHours", label: "Session length (hours)", kind: "number" },
      { name: "staffTwoFactorRequired", label: "Require two-factor sign-in for staff", kind: "checkbox", hint: "Staff without it, you included, can only open its set-up page until they turn it on. The token API is not affected." },
    ],
  },
  kb: {
    title: "Knowledge base",
    description: "How the help center lists and searches articles.",
    fields: [
      { name: "kbArticlesPerPage", label: "Articles per page", kind: "number", hint: "Category pages and search results." },
      { name: "kbExcerptLength", label: "Excerpt length (characters)", kind: "number" },
      { name: "kbPopularCount", label: "Popular articles on the help center home", kind: "number", hint: "0 hides the list." },
      { name: "kbLatestCount", label: "Latest articles on the help center home", kind: "number", hint: "0 hides the list." },
    ],
  },
  feedback: {
    title: "Feedback",
    description: "Ideas and suggestions from customers, with votes and comments.",
    fields: [
      { name: "feedbackEnabled", label: "Feedback on the portal", kind: "checkbox", hint: "Off: the portal's feedback pages are gone (agents keep theirs)." },
      { name: "feedbackGuestsCanRead", label: "Visitors who are not signed in may read it", kind: "checkbox", hint: "Submitting, voting and commenting always need a customer account." },
      { name: "feedbackRequiresApproval", label: "New items wait for an agent's approval", kind: "checkbox", hint: "Until then only their author sees them." },
    ],
  },
};

export default async function SettingsPage({ params }: { params: Promise<{ section: string }> }) {
  await requireAdmin();
  const { section } = await params;
  if (!(section in sections)) notFound();
  const key = section as SettingsSection;
  const [settings, departments] = await Promise.all([getSettings(), key === "portals" ? listDepartmentsWithCounts() : Promise.resolve([])]);
  const names = Object.keys(settingsSections[key].shape) as (keyof Settings)[];
  const initial = Object.fromEntries(names.map((name) => [name, settings[name]]));
  const info = sections[key];
  return (
    <div>
      <PageHeader title="Settings" description={info.description} />
      <nav aria-label="Settings sections" className="mb-4 flex flex-wrap gap-2 text-sm">
        {(Object.keys(sections) as SettingsSection[]).map((name) => (
          <Link
            key={name}
            href={`/admin/settings/${name}`}
            aria-current={name === key ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${name === key ? "bg-slate-900 text-white" : "bg-white ring-1 ring-slate-300 hover:bg-slate-50"}`}
          >
            {sections[name].title}
          </Link>
        ))}
      </nav>
      <div className="space-y-6">
        <Card className="p-6">
          <SettingsForm key={key} section={key} fields={info.fields} initial={initial} />
        </Card>
        {key === "general" && (
          <Card className="p-6">
            <LogoForm src={logoUrl(settings.logoFile)} custom={Boolean(settings.logoFile)} />
          </Card>
        )}
        {key === "portals" && (
          <Card className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="px-4 pt-3 text-left font-semibold text-slate-900">Per department</caption>
              <thead className="text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Department</th>
                  <th scope="col" className="px-4 py-2 font-medium">On the portal</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {departments.map((d) => (
                  <tr key={d.id}>
                    <td className="px-4 py-2">
                      <Link href={`/admin/departments/${d.id}`} className="text-brand-700 hover:underline">
                        {d.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2">{d.isPrivate ? "No (private)" : d.portalEnabled ? "Yes" : "No (switched off)"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </div>
    </div>
  );
}
