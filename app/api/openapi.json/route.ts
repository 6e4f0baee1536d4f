import { buildOpenApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

// The API's description is public (it holds no data); the API itself needs a token.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument(env.APP_URL), { headers: { "cache-control": "public, max-age=300" } });
}
