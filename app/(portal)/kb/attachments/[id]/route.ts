import { attachmentResponse } from "@/lib/attachments/response";
import { readAttachmentFile } from "@/lib/attachments";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getAttachmentForViewer, kbViewerOf } from "@/lib/kb/queries";

/** An article's file, for whoever may read the article (a hidden article's files are 404s too). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const notFound = new Response("Not found", { status: 404 });
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return notFound;
  let file;
  try {
    file = await getAttachmentForViewer(kbViewerOf(await getActor()), id);
  } catch (error) {
    if (isAppError(error)) return notFound;
    throw error;
  }
  return attachmentResponse(file, await readAttachmentFile(file.storageKey));
}
