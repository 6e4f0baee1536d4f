import { attachmentsResource } from "./handlers/attachments";
import { departmentsResource } from "./handlers/departments";
import { mailResource } from "./handlers/mail";
import { messagesResource } from "./handlers/messages";
import { staffResource } from "./handlers/staff";
import { ticketsResource } from "./handlers/tickets";
import type { ApiHandler, ApiResource } from "./handlers/types";
import { usersResource } from "./handlers/users";
import { authenticate } from "./context";
import { apiError, errorResponse } from "./http";

const resources: Record<string, ApiResource> = {
  users: usersResource,
  departments: departmentsResource,
  tickets: ticketsResource,
  messages: messagesResource,
  attachments: attachmentsResource,
  staff: staffResource,
  mail: mailResource,
};

type Route = { handler: ApiHandler | undefined; id?: string } | null;

/**
 * CodeIgniter's `presenter` routes, as HelpDeskZ declares them:
 *   GET  R            index        GET  R/show/{id}, R/{id}   show
 *   POST R, R/create  create       POST R/update/{id}, R/{id} update
 *   POST R/delete/{id} delete      POST staff/auth            auth
 * Returns null for a path that is not part of the API, and a route without handler for an
 * action the resource does not have.
 */
export function matchRoute(method: string, segments: string[]): Route {
  const [name, action, id, ...rest] = segments;
  if (!name || rest.length || !Object.hasOwn(resources, name)) return null;
  const resource = resources[name]!;
  if (method === "GET" || method === "HEAD") {
    if (action === undefined) return { handler: resource.index };
    if (action === "show") return id === undefined ? null : { handler: resource.show, id };
    if (id === undefined && !["new", "edit", "remove"].includes(action)) return { handler: resource.show, id: action };
    return { handler: undefined };
  }
  if (method === "POST") {
    if (action === undefined || (action === "create" && id === undefined)) return { handler: resource.create };
    if (action === "update" && id !== undefined) return { handler: resource.update, id };
    if (action === "delete" && id !== undefined) return { handler: resource.delete, id };
    if (id === undefined && resource.post && Object.hasOwn(resource.post, action)) return { handler: resource.post[action] };
    if (id === undefined && /^\d+$/.test(action)) return { handler: resource.update, id: action };
    return { handler: undefined };
  }
  return { handler: undefined };
}

/** The whole token API behind one route handler: match, authenticate, run, map errors. */
export async function handleApiRequest(request: Request, segments: string[]): Promise<Response> {
  const route = matchRoute(request.method, segments);
  if (!route) return apiError("Page not found.", 404);
  try {
    const ctx = await authenticate(request);
    if (!route.handler) return apiError("Action not implemented.", 501);
    return await route.handler(ctx, route.id);
  } catch (error) {
    return errorResponse(error);
  }
}
