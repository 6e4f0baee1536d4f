import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";

export default async function SettingsIndex() {
  await requireAdmin();
  redirect("/admin/settings/tickets");
}
