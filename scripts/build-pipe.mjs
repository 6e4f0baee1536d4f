// Bundles the MTA pipe (scripts/mail-pipe.ts) and its dependencies into one file, dist/mail-pipe.mjs.
// An MTA starts one process per message, so start-up is the pipe's cost: Node resolving and loading
// hundreds of files from node_modules took ~0.8 s of CPU per message; one minified file takes a
// fraction of it (figures in bench/mail.md).
import { build } from "esbuild";

await build({
  entryPoints: ["scripts/mail-pipe.ts"],
  outfile: "dist/mail-pipe.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  logLevel: "warning",
  // CommonJS dependencies (mysql2, mailparser, iconv-lite...) call require() for Node's built-ins.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  plugins: [
    {
      // postcss (through sanitize-html) loads source-map-js at start-up but uses it only to write source
      // maps, which sanitising never asks for; postcss's own browser build leaves it out the same way.
      name: "without-source-maps",
      setup(builder) {
        builder.onResolve({ filter: /^source-map-js$/ }, () => ({ path: "source-map-js", namespace: "empty" }));
        builder.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "module.exports = {};", loader: "js" }));
      },
    },
  ],
});
