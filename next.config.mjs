/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "mysql2", "imapflow", "mailparser", "nodemailer", "sanitize-html"],
  poweredByHeader: false,
  // A separate build folder per process that needs one (e.g. a second dev server on another port).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole tree first (tsc --noEmit); skipping it here saves a minute per build.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Ticket links carry their secret in the path: never send it to another site as a Referer.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "30mb" },
  },
};

export default nextConfig;
