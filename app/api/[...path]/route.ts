import { handleApiRequest } from "@/lib/api/router";

// The HelpDeskZ-compatible token API; lib/api holds the routing, checks and handlers.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ path: string[] }> };

export async function GET(request: Request, { params }: Params) {
  return handleApiRequest(request, (await params).path);
}

export async function POST(request: Request, { params }: Params) {
  return handleApiRequest(request, (await params).path);
}
