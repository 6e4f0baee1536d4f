// The Content-Security-Policy that proxy.ts puts on every page (the other security headers, the same
// for every response, are in next.config.mjs).

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce ('strict-dynamic'
 * lets Next's own bootstrap load its chunks), so injected markup can never run script even if it slipped
 * past the HTML sanitiser. Images: this origin only, which also keeps remote tracking pixels in mailed
 * HTML from loading. Inline style attributes stay allowed (React style props); style injection cannot
 * run code.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
