// The permissions an API key can hold; free of server imports so that forms can use it too.

/** Every permission a key can hold, grouped as HelpDeskZ shows them, with HelpDeskZ's own wording. */
export const apiPermissionGroups = [
  {
    resource: "users",
    label: "Users",
    actions: [
      { action: "create", label: "Create users." },
      { action: "read", label: "Get list/details of users." },
      { action: "update", label: "Update users." },
      { action: "delete", label: "Delete users." },
    ],
  },
  {
    resource: "departments",
    label: "Departments",
    actions: [
      { action: "create", label: "Create departments." },
      { action: "read", label: "Get list/details of departments." },
      { action: "update", label: "Update departments." },
      { action: "delete", label: "Delete departments." },
    ],
  },
  {
    resource: "tickets",
    label: "Support tickets",
    actions: [
      { action: "create", label: "Create tickets." },
      { action: "read", label: "Get list/details of tickets." },
      { action: "update", label: "Update ticket status or department." },
      { action: "delete", label: "Delete tickets." },
    ],
  },
  {
    resource: "messages",
    label: "Ticket messages",
    actions: [
      { action: "create", label: "Add a message to ticket." },
      { action: "read", label: "Get messages from a ticket." },
    ],
  },
  {
    resource: "attachments",
    label: "Attachments",
    actions: [
      { action: "read", label: "Get list/details of attachments." },
      { action: "download", label: "Get file content from an attachment." },
      { action: "delete", label: "Delete attachments." },
    ],
  },
  {
    resource: "staff",
    label: "Staff Users",
    actions: [
      { action: "read", label: "Get information/details of staff users." },
      { action: "auth", label: "Validate staff authentication." },
    ],
  },
  // Ours, not HelpDeskZ's: the MTA pipe over HTTP (POST /api/mail, scripts/mail-pipe.sh).
  {
    resource: "mail",
    label: "Inbound email",
    actions: [{ action: "create", label: "Deliver inbound email (MTA pipe)." }],
  },
] as const;

type Group = (typeof apiPermissionGroups)[number];
/** "users/create", "attachments/download", ...: the same names HelpDeskZ checks. */
export type ApiPermission = { [G in Group as G["resource"]]: `${G["resource"]}/${G["actions"][number]["action"]}` }[Group["resource"]];

export const allApiPermissions: ApiPermission[] = apiPermissionGroups.flatMap((g) =>
  g.actions.map((a) => `${g.resource}/${a.action}` as ApiPermission),
);

export const isApiPermission = (value: string): value is ApiPermission => (allApiPermissions as string[]).includes(value);

/** HelpDeskZ's description of a permission, used in "Permission not allowed: ..." messages. */
export function permissionLabel(permission: ApiPermission): string {
  const [resource, action] = permission.split("/");
  const group = apiPermissionGroups.find((g) => g.resource === resource);
  return group?.actions.find((a) => a.action === action)?.label ?? permission;
}
