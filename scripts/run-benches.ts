// `npm run bench:all`: every benchmark script (scripts/bench-*.ts) one after the other, each on its own
// data and writing its own report under bench/. (`npm run bench` is the scale run: scripts/bench.sh.)
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const benches = readdirSync("scripts").filter((name) => /^bench-.+\.ts$/.test(name)).sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n› ${bench}`);
  const result = spawnSync("node", ["--experimental-websocket", "--import", "tsx", `scripts/${bench}`, ...process.argv.slice(2)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
