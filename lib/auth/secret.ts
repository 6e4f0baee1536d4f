import { env } from "../env";

/** The key that signs sessions. A production server without NEXTAUTH_SECRET refuses to sign anyone in. */
export const authSecret = env.NEXTAUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : "dev-only-NEXTAUTH_SECRET-not-secret");
