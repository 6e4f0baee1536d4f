// Codes for tests that enrol in two-factor sign-in and then sign in. A code is accepted once per
// 30-second step and within one step of the server's clock, so a test must neither reuse the step it
// enrolled with nor hand in a code the clock may leave behind before the server checks it.
import { totpCode } from "@/lib/auth/totp";

const STEP_MS = 30_000;
const stepOf = (ms: number) => Math.floor(ms / STEP_MS);

/** A code to enrol with: the next step's, still valid if the clock turns to that step before the check. */
export function enrolmentCode(secret: string) {
  const at = new Date(Date.now() + STEP_MS);
  return { code: totpCode(secret, at), step: stepOf(at.getTime()) };
}

/** A code valid now of another step than `usedStep` (the current step's, else the previous one's). */
export function codeOtherThan(secret: string, usedStep: number) {
  const now = stepOf(Date.now());
  return totpCode(secret, new Date((now === usedStep ? now - 1 : now) * STEP_MS));
}
