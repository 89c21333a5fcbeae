// npm run lint (after Biome) – fails when a file crosses a package boundary (see rules.ts).
import { checkRepository } from "./rules";

const { files, violations } = checkRepository();
for (const violation of violations) console.error(`${violation.file}:${violation.line}  ${violation.message}`);
if (violations.length) {
  console.error(`\n${violations.length} import boundary violation(s).`);
  process.exit(1);
}
console.log(`Import boundaries: ${files} files checked, none crossed.`);
