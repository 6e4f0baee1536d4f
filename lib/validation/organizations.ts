import { z } from "zod";

const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "example.com, @Example.org\nsub.example.net" -> ["example.com", "example.org", "sub.example.net"]. */
export const parseDomains = (text: string) => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean),
  ),
];

/** An organization as agents edit it; domains are typed one per line (or separated by commas). */
export const organizationSchema = z.object({
  name: z.string().trim().min(1, "Name the organization.").max(200, "Use at most 200 characters."),
  sharesTickets: z.boolean(),
  domains: z
    .string()
    .max(5000, "Too many domains.")
    .transform(parseDomains)
    .superRefine((domains, context) => {
      const wrong = domains.find((d) => !domainPattern.test(d));
      if (wrong) context.addIssue({ code: "custom", message: `“${wrong}” is not a domain name such as example.com.` });
      if (domains.length > 50) context.addIssue({ code: "custom", message: "Use at most 50 domains." });
    }),
});

export const organizationIdSchema = z.coerce.number().int().positive();

export type OrganizationInput = z.input<typeof organizationSchema>;
export type OrganizationValues = z.output<typeof organizationSchema>;
