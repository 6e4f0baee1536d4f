import { allApiPermissions, permissionLabel, type ApiPermission } from "../api-keys";

/**
 * The OpenAPI 3.1 description of the HelpDeskZ-compatible token API, served at /api/openapi.json.
 * tests/e2e/api/openapi.test.ts checks that every route the tests exercise is described here.
 */

type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: "string", ...(description ? { description } : {}) });
const int = (description?: string): Schema => ({ type: "integer", ...(description ? { description } : {}) });
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: "object",
  properties,
  required,
});

function success(properties: Record<string, Schema> = {}, description = "Success"): Schema {
  return {
    description,
    content: {
      "application/json": {
        schema: object({ success: { const: 1 }, ...properties }),
      },
    },
  };
}

const successMessage = (example: string) => success({ message: { ...str(), examples: [example] } }, example);

function idParam(name = "id", description = "Record id") {
  return { name, in: "path", required: true, description, schema: { type: "string", pattern: "^[0-9]+$" } };
}
const queryParam = (name: string, description: string) => ({ name, in: "query", required: false, description, schema: { type: "string" } });
const pageParam = queryParam("page", "Page number (from 1). Zero, negative or fractional: `Page not found.`");

/** A form body: urlencoded, multipart (files as `attachment[]`) or JSON with the same fields. */
function formBody(properties: Record<string, Schema>, required: string[], withFiles = false) {
  const fields = object(properties, required);
  const multipart = withFiles
    ? object({ ...properties, "attachment[]": { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } } }, required)
    : fields;
  return {
    required: true,
    content: {
      "application/x-www-form-urlencoded": { schema: fields },
      "multipart/form-data": { schema: multipart },
      "application/json": { schema: fields },
    },
  };
}

function operation(
  permission: ApiPermission | null,
  summary: string,
  extra: { parameters?: unknown[]; requestBody?: unknown; ok: Schema; errors: string[] },
) {
  const errorsText = extra.errors.length ? ` Errors (HTTP 200, \`error: 1\`): ${extra.errors.map((e) => `\`${e}\``).join(", ")}.` : "";
  return {
    summary,
    description: `${permission ? `Permission \`${permission}\` (${permissionLabel(permission)}).` : ""}${errorsText}`.trim(),
    ...(extra.parameters ? { parameters: extra.parameters } : {}),
    ...(extra.requestBody ? { requestBody: extra.requestBody } : {}),
    responses: {
      "200": {
        ...extra.ok,
        content: {
          "application/json": {
            schema: { oneOf: [(extra.ok.content as { "application/json": { schema: Schema } })["application/json"].schema, ref("Error")] },
          },
        },
      },
      "400": { description: "Invalid authentication, IP address not allowed, permission not allowed, or a malformed body", content: { "application/json": { schema: ref("Error") } } },
      "429": { description: "Rate limit of the key exceeded", content: { "application/json": { schema: ref("Error") } } },
      "503": { description: "Database temporarily unavailable (e.g. restarting); retry after `Retry-After` seconds", content: { "application/json": { schema: ref("Error") } } },
    },
  };
}

/** The show route exists twice (`R/show/{id}` and `R/{id}`); both get the same operation. */
function showPaths(resource: string, op: unknown, param = "id") {
  return { [`/api/${resource}/show/{${param}}`]: { get: op }, [`/api/${resource}/{${param}}`]: { get: op } };
}

/** Create answers at `R/create` and at bare `R`. */
function createPaths(resource: string, op: unknown, listOp?: unknown) {
  return { [`/api/${resource}/create`]: { post: op }, [`/api/${resource}`]: { ...(listOp ? { get: listOp } : {}), post: op } };
}

export function buildOpenApiDocument(serverUrl: string) {
  const userCreate = operation("users/create", "Create a user", {
    requestBody: formBody({ fullname: str(), email: str(), notify: str("1 to mail the user") }, ["fullname", "email"]),
    ok: success({ user_id: int(), message: str() }),
    errors: ["Full name is missing.", "Email address is missing.", "Email address is not valid.", "Email address is is already in use."],
  });
  const usersList = operation("users/read", "List users (25 a page, newest first), or find one by email", {
    parameters: [pageParam, queryParam("email", "Return `{user_data}` for this email instead of a list")],
    ok: success({ total_users: int(), total_pages: int(), users: { type: "array", items: ref("User") } }),
    errors: ["Page not found.", "User not found."],
  });
  const userShow = operation("users/read", "Show a user", { parameters: [idParam()], ok: success({ user_data: ref("User") }), errors: ["User not found."] });

  const departmentCreate = operation("departments/create", "Create a department", {
    requestBody: formBody({ name: str(), private: { type: "string", enum: ["0", "1"] } }, ["name", "private"]),
    ok: success({ department_id: int(), message: str() }),
    errors: ["Department name is missing.", "Department type is missing.", "Department type must be 0 or 1"],
  });
  const departmentsList = operation("departments/read", "List departments", {
    ok: success({ departments: { type: "array", items: ref("Department") } }),
    errors: [],
  });
  const departmentShow = operation("departments/read", "Show a department", {
    parameters: [idParam()],
    ok: success({ department: ref("Department") }),
    errors: ["Department not found."],
  });

  const ticketCreate = operation("tickets/create", "Open a ticket", {
    requestBody: formBody(
      {
        opener: { type: "string", enum: ["user", "staff"] },
        user_id: str(),
        staff_id: str("Required when opener is staff"),
        department_id: str(),
        subject: str(),
        body: str(),
        notify: str("1 to send the new-ticket mail to the user"),
      },
      ["opener", "user_id", "department_id", "subject", "body"],
      true,
    ),
    ok: success({ ticket_id: int(), message: str() }),
    errors: [
      "Opener is missing.",
      "Invalid opener.",
      "User ID is missing.",
      "User ID is not valid.",
      "User ID not found.",
      "Staff ID is missing.",
      "Invalid Staff ID.",
      "Staff ID not found.",
      "Department ID is missing.",
      "Department ID is not valid.",
      "Department ID not found.",
      "Subject is missing.",
      "Body is missing.",
    ],
  });
  const ticketsList = operation("tickets/read", "List tickets (the help desk's page size, oldest id first)", {
    parameters: [
      pageParam,
      queryParam("status", "Status code 1-5 (1 Open, 2 Answered, 3 Awaiting reply, 4 In progress, 5 Closed)"),
      queryParam("status_id", "Same as status"),
      queryParam("user_id", "Only this user's tickets"),
      queryParam("department_id", "Only this department's tickets"),
    ],
    ok: success({ total_tickets: int(), pages: int(), tickets: { type: "array", items: ref("Ticket") } }),
    errors: ["Page not found.", "Invalid Status ID."],
  });
  const ticketShow = operation("tickets/read", "Show a ticket", { parameters: [idParam()], ok: success({ ticket: ref("Ticket") }), errors: ["Ticket not found."] });

  const messageCreate = operation("messages/create", "Add a message to a ticket", {
    requestBody: formBody(
      {
        ticket_id: str(),
        message: str(),
        replier: { type: "string", enum: ["user", "staff"] },
        staff_id: str("Required when replier is staff"),
        close: str("1 closes the ticket with a staff reply"),
      },
      ["ticket_id", "message", "replier"],
      true,
    ),
    ok: success({ message_id: int(), message: str() }),
    errors: ["Ticket ID is missing.", "Ticket not found.", "Message is missing.", "Replier is missing.", "Invalid replier.", "Staff ID is missing.", "Invalid Staff ID.", "Staff ID not found."],
  });
  const messagesOk = success({ pages: int(), total_replies: int(), messages: { type: "array", items: ref("Message") } });
  const messagesList = operation("messages/read", "A ticket's messages (same as show)", {
    parameters: [queryParam("ticket_id", "The ticket"), pageParam],
    ok: messagesOk,
    errors: ["Ticket not found.", "Page not found."],
  });
  const messagesShow = operation("messages/read", "A ticket's messages, oldest first", {
    parameters: [idParam("ticket_id", "Ticket id"), pageParam],
    ok: messagesOk,
    errors: ["Ticket not found.", "Page not found."],
  });

  const attachmentsList = operation("attachments/read", "List attachments", {
    parameters: [queryParam("ticket_id", "Only this ticket's files"), queryParam("msg_id", "Only this message's files")],
    ok: success({ files: { type: "array", items: ref("AttachmentInfo") } }),
    errors: [],
  });
  const attachmentShow = operation("attachments/download", "Download an attachment (base64 content)", {
    parameters: [idParam()],
    ok: success({ name: str(), filetype: str(), size: str(), content: { type: "string", contentEncoding: "base64" } }),
    errors: ["Attachment not found.", "File was removed from servers."],
  });

  const staffList = operation("staff/read", "List staff", {
    parameters: [queryParam("username", "Only this username")],
    ok: success({ users: { type: "array", items: ref("Staff") } }),
    errors: [],
  });
  const staffShow = operation("staff/read", "Show a staff member", {
    parameters: [idParam()],
    ok: success({ staff_data: ref("Staff") }),
    errors: ["Invalid Staff ID.", "Staff ID not found."],
  });
  const staffAuth = operation("staff/auth", "Check a staff member's username and password", {
    requestBody: formBody({ username: str(), password: str(), ip_address: str("The end user's address, for lockouts") }, ["username", "password", "ip_address"]),
    ok: successMessage("You have been logged in."),
    errors: ["Username is missing.", "Invalid username.", "Password is missing.", "IP address is missing.", "IP address is not valid.", "Invalid username or password.", "Login locked for N minutes."],
  });

  const mailDeliver = (() => {
    const op = operation("mail/create", "Deliver an inbound email (the MTA pipe over HTTP, scripts/mail-pipe.sh)", {
      requestBody: {
        required: true,
        description: "The raw RFC 822 message, as the MTA hands it to a pipe (at most 30 MB).",
        content: {
          "message/rfc822": { schema: { type: "string", contentMediaType: "message/rfc822" } },
          "application/octet-stream": { schema: { type: "string", contentMediaType: "message/rfc822" } },
        },
      },
      ok: success({
        status: { type: "string", enum: ["stored", "duplicate", "ignored", "dead-lettered"] },
        ticket_id: { type: ["integer", "null"], description: "stored and duplicate only" },
        message_id: int("stored only"),
        new_ticket: { type: "integer", enum: [0, 1], description: "stored only" },
        message: str("What happened, in one line"),
      }),
      errors: ["The message is empty: nothing to store."],
    });
    // Anything but 2xx makes the forwarder exit 75 (EX_TEMPFAIL): the MTA keeps the message and retries.
    const { "429": limited, "503": unavailable, ...rest } = op.responses;
    const refused = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
    return {
      ...op,
      responses: {
        ...rest,
        "413": refused("The message is larger than 30 MB"),
        "415": refused("The body is not sent as message/rfc822 or application/octet-stream"),
        "429": limited,
        "503": unavailable,
      },
    };
  })();

  const update = (permission: ApiPermission, summary: string, body: unknown, message: string, errors: string[]) =>
    ({ post: operation(permission, summary, { parameters: [idParam()], requestBody: body, ok: successMessage(message), errors }) });
  const remove = (permission: ApiPermission, summary: string, message: string, notFound: string) =>
    ({ post: operation(permission, summary, { parameters: [idParam()], ok: successMessage(message), errors: [notFound] }) });

  return {
    openapi: "3.1.0",
    info: {
      title: "Helpdeck token API (HelpDeskZ 2 compatible)",
      version: "2.0",
      description:
        "Send the key in a `Token` header. Bodies may be form-urlencoded, multipart (files as `attachment[]`) or JSON. " +
        'Success: `{"success":1,...}`. Errors: `{"error":1,"message":"..."}` with HTTP 400 for authentication, IP and permission ' +
        "failures, 429 when the key's rate limit is exceeded, and HTTP 200 for everything else (as HelpDeskZ answers). Values read " +
        'from the database are strings (`"id":"1"`); new ids and totals are integers; dates are Unix seconds.',
    },
    servers: [{ url: serverUrl }],
    security: [{ token: [] }],
    paths: {
      ...createPaths("users", userCreate, usersList),
      ...showPaths("users", userShow),
      "/api/users/update/{id}": update("users/update", "Change a user's email", formBody({ new_email: str() }, ["new_email"]), "Email was changed.", [
        "User not found.",
        "Email address is missing.",
        "Email address is not valid.",
        "Email address is is already in use.",
      ]),
      "/api/users/delete/{id}": remove("users/delete", "Delete a user and their tickets", "User account was removed.", "User not found."),

      ...createPaths("departments", departmentCreate, departmentsList),
      ...showPaths("departments", departmentShow),
      "/api/departments/update/{id}": update(
        "departments/update",
        "Rename a department or change its type",
        formBody({ name: str(), private: { type: "string", enum: ["0", "1"] } }, ["name", "private"]),
        "Department was updated.",
        ["Department not found.", "Department name is missing.", "Department type is missing.", "Department type must be 0 or 1"],
      ),
      "/api/departments/delete/{id}": remove("departments/delete", "Delete a department and its tickets", "Department and its tickets were removed.", "Department not found."),

      ...createPaths("tickets", ticketCreate, ticketsList),
      ...showPaths("tickets", ticketShow),
      "/api/tickets/update/{id}": update(
        "tickets/update",
        "Change a ticket's status and/or department",
        formBody({ status: str("1-5"), department_id: str() }, []),
        "Ticket was updated.",
        ["Ticket not found.", "Invalid Status ID.", "Department ID is not valid.", "Department ID not found."],
      ),
      "/api/tickets/delete/{id}": remove("tickets/delete", "Delete a ticket", "Ticket was removed.", "Ticket not found."),

      ...createPaths("messages", messageCreate, messagesList),
      ...showPaths("messages", messagesShow, "ticket_id"),

      "/api/attachments": { get: attachmentsList },
      ...showPaths("attachments", attachmentShow),
      "/api/attachments/delete/{id}": remove("attachments/delete", "Delete an attachment", "File was removed from servers.", "Attachment not found."),

      "/api/staff": { get: staffList },
      ...showPaths("staff", staffShow),
      "/api/staff/auth": { post: staffAuth },

      ...createPaths("mail", mailDeliver),
    },
    components: {
      securitySchemes: { token: { type: "apiKey", in: "header", name: "Token" } },
      schemas: {
        Error: object({ error: { const: 1 }, message: str() }),
        User: object({ id: str(), fullname: str(), email: str() }),
        Department: object({ id: str(), name: str(), private: { type: "string", enum: ["0", "1"] } }),
        Ticket: object({
          id: str(),
          user_id: str(),
          department_id: str(),
          subject: str(),
          date: str("Unix seconds"),
          last_update: str("Unix seconds"),
          status: str("1 Open, 2 Answered, 3 Awaiting reply, 4 In progress, 5 Closed"),
          replies: str(),
          user_fullname: str(),
          department_name: str(),
        }),
        Message: object({
          id: str(),
          date: str("Unix seconds"),
          customer: { type: "string", enum: ["0", "1"] },
          staff_id: str("0 for a customer's message"),
          message: str(),
        }),
        AttachmentInfo: object({ id: str(), name: str(), filetype: str(), msg_id: str(), size: str() }),
        Staff: object({ id: str(), username: str(), fullname: str(), email: str(), registration: str("Unix seconds"), last_login: str("Unix seconds, 0 if never") }),
      },
    },
    "x-permissions": allApiPermissions.map((p) => ({ name: p, description: permissionLabel(p) })),
  };
}
