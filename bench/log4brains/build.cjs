// `node build.cjs build --out DIR`: log4brains' own CLI (what the `log4brains` executable
// runs), started by bench/log4brains.py after one clean-up, in the same process.
//
// The clean-up: `log4brains build` runs `next build` then `next export` in one process, with
// the Next.js distDir inside the installed package (@log4brains/web/nextjs/.next-export), kept
// from one build to the next. `next build` require()s the prerender manifest left by the
// previous build before it writes the new one, and `next export` then gets that stale copy
// from require's cache: it exports the record pages of the *previous* build (after a build
// of 100 records, a build of 1,000 exported 100 pages, and exit status 0). Removing the old
// manifest first makes every build export its own pages, as a first build does. The rest of
// .next-export (webpack's caches) is kept, as on a developer's machine.
"use strict";

const fs = require("fs");
const path = require("path");

const modules = path.join(__dirname, "node_modules");
fs.rmSync(
  path.join(modules, "@log4brains", "web", "nextjs", ".next-export", "prerender-manifest.json"),
  { force: true }
);
// The `log4brains` executable restarts node on this file with
// NODE_OPTIONS=--openssl-legacy-provider and exits 0 whatever happens; bench/log4brains.py sets
// that option itself, and this process exits with the CLI's own status.
require(path.join(modules, "log4brains", "dist", "index.js"));
