// Helpers for the token API tests: HTTP calls against the running app, and API keys made through lib/api-keys.
import { expect } from "vitest";
import { allApiPermissions, createApiKey, type ApiPermission } from "@/lib/api-keys";

export const baseUrl = process.env.APP_URL!;

export async function makeApiKey(
  input: { permissions?: ApiPermission[]; ipAllowlist?: string; active?: boolean; rateLimitPerMinute?: number } = {},
) {
  const key = await createApiKey({
    name: `test key ${Date.now()}`,
    permissions: input.permissions ?? allApiPermissions,
    ipAllowlist: input.ipAllowlist,
    active: input.active,
    // Generous by default so that a busy test file never trips the limit by accident.
    rateLimitPerMinute: input.rateLimitPerMinute ?? 100_000,
  });
  return key;
}

type CallOptions = {
  token?: string | null;
  /** Sent as application/x-www-form-urlencoded, as HelpDeskZ clients do. */
  form?: Record<string, string>;
  json?: unknown;
  multipart?: FormData;
  ip?: string;
  headers?: Record<string, string>;
};

export type ApiResult = { status: number; body: Record<string, unknown>; headers: Headers };

export async function call(method: "GET" | "POST", path: string, options: CallOptions = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Token = options.token;
  if (options.ip) headers["X-Forwarded-For"] = options.ip;
  let body: BodyInit | undefined;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] = "application/json";
  } else if (options.multipart) {
    body = options.multipart;
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, body: parsed, headers: response.headers };
}

export const get = (path: string, token: string | null, options: Omit<CallOptions, "token"> = {}) =>
  call("GET", path, { ...options, token });
export const post = (path: string, token: string | null, form: Record<string, string> = {}, options: Omit<CallOptions, "token" | "form"> = {}) =>
  call("POST", path, { ...options, token, form: options.json === undefined && !options.multipart ? form : undefined });

/** HelpDeskZ's error shape: `{"error":1,"message":...}` and nothing else. */
export function expectError(result: ApiResult, status: number, message: string) {
  expect(result.body).toEqual({ error: 1, message });
  expect(result.status).toBe(status);
}

export function expectSuccess(result: ApiResult) {
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body.success, JSON.stringify(result.body)).toBe(1);
  expect(result.body.error).toBeUndefined();
}

/** Every value a string, as HelpDeskZ's JSON carries database columns. */
export function expectAllStrings(row: unknown) {
  expect(row).toBeTypeOf("object");
  for (const [field, value] of Object.entries(row as Record<string, unknown>)) {
    expect(typeof value, `${field} should be a string`).toBe("string");
  }
}

/** A Unix-seconds date string within a day of now. */
export function expectRecentUnix(value: unknown) {
  expect(value).toMatch(/^\d{10}$/);
  expect(Math.abs(Number(value) - Date.now() / 1000)).toBeLessThan(86_400);
}
