/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "mysql2", "imapflow", "mailparser", "nodemailer", "sanitize-html"],
  poweredByHeader: false,
  // A separate build folder per process that needs one (e.g. a second dev server on another port).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole tree first (tsc --noEmit); skipping it here saves a minute per build.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: "30mb" },
  },
};

export default nextConfig;
