// A closed-loop load generator for the bench scripts: `concurrency` loops send one request after
// another for `seconds` (after a short warm-up) and every latency is kept, so percentiles are exact.
import { log } from "./bench";

export type LoadResult = {
  name: string;
  concurrency: number;
  requests: number;
  ok: number;
  failed: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** The first failure's reason, to say what went wrong in the report. */
  firstFailure?: string;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * `send` resolves true for a correct answer, false (or throws) for a wrong one. `onStart` runs when the
 * measured window opens, after the warm-up (to sample counters such as CPU time over the same window).
 */
export async function measure(
  name: string,
  concurrency: number,
  seconds: number,
  send: () => Promise<boolean>,
  warmUp = 3,
  onStart?: () => void,
): Promise<LoadResult> {
  await Promise.all(Array.from({ length: concurrency }, async () => { for (let i = 0; i < warmUp; i++) await send().catch(() => false); }));
  onStart?.();
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        try {
          if (await send()) ok++;
          else {
            failed++;
            firstFailure ??= "wrong answer";
          }
        } catch (error) {
          failed++;
          firstFailure ??= error instanceof Error ? error.message : String(error);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    name,
    concurrency,
    requests: ok + failed,
    ok,
    failed,
    rps: Math.round(((ok + failed) / elapsed) * 10) / 10,
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    firstFailure,
  };
  log(`${name}: ${result.rps} req/s, p50 ${result.p50} / p95 ${result.p95} / p99 ${result.p99} ms (${ok} ok, ${failed} failed)`);
  return result;
}
