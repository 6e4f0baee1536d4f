import { PaperclipIcon } from "@/components/ui/icons";
import { formatBytes, formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { sanitizeMailHtml } from "@/lib/mail/html";
import type { ThreadMessage } from "@/lib/tickets/queries";

/** The conversation, oldest first. Internal notes only reach this component on staff pages. */
export async function Thread({
  messages,
  attachmentHref,
  viewer,
  noteControls,
}: {
  messages: ThreadMessage[];
  attachmentHref: (attachmentId: number) => string;
  viewer: "staff" | "customer";
  /** Staff pages: edit/delete controls for a note the viewer may change. */
  noteControls?: (message: ThreadMessage) => React.ReactNode;
}) {
  const dateDisplay = await getDateDisplay();
  return (
    <ol className="space-y-4" aria-label="Conversation">
      {messages.map((message) => {
        const fromStaff = message.authorType === "staff";
        const author = fromStaff
          ? viewer === "staff"
            ? (message.staffName ?? "Staff")
            : `${message.staffName ?? "Support"} (support)`
          : message.authorType === "system"
            ? "System"
            : (message.userName ?? "Customer");
        const tone = message.isNote
          ? "bg-amber-50 ring-amber-200"
          : fromStaff
            ? "bg-brand-50 ring-brand-100"
            : "bg-white ring-slate-200";
        return (
          <li key={message.id} id={`message-${message.id}`} className={`rounded-lg p-4 shadow-sm ring-1 ${tone}`}>
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-semibold text-slate-900">
                {author}
                {message.isNote && (
                  <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium text-amber-900">Internal note</span>
                )}
              </span>
              <time className="text-xs text-slate-500" dateTime={new Date(message.createdAt).toISOString()}>
                {formatDateTime(message.createdAt, dateDisplay)}
              </time>
            </div>
            {message.bodyFormat === "html" ? (
              <div className="prose-sm max-w-none text-sm break-words text-slate-800" dangerouslySetInnerHTML={{ __html: sanitizeMailHtml(message.body) }} />
            ) : (
              <div className="text-sm break-words whitespace-pre-wrap text-slate-800">{message.body}</div>
            )}
            {message.attachments.length > 0 && (
              <ul className="mt-3 flex flex-wrap gap-2" aria-label="Attachments">
                {message.attachments.map((file) => (
                  <li key={file.id}>
                    <a
                      href={attachmentHref(file.id)}
                      className="inline-flex items-center gap-1 rounded-md bg-white px-2 py-1 text-xs text-brand-700 ring-1 ring-slate-200 hover:bg-slate-50"
                    >
                      <PaperclipIcon /> {file.filename} <span className="text-slate-500">({formatBytes(file.size)})</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {message.isNote && noteControls?.(message)}
          </li>
        );
      })}
    </ol>
  );
}
