// npm test – everything CI checks, in order, ending with one summary line.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT, run } from "./lib/apps";

type Step = { name: string; command: string; args: string[] };
type VitestReport = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };

const report = path.join(ROOT, ".data/test-results.json");
const only = process.argv.slice(2);

const steps: Step[] = [
  { name: "typecheck", command: "npm", args: ["run", "typecheck"] },
  { name: "lint", command: "npm", args: ["run", "lint"] },
  {
    name: "unit, integration and browser tests",
    command: "npx",
    args: ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
  },
];

async function main() {
  const failures: string[] = [];
  rmSync(report, { force: true });
  for (const step of steps) {
    if (only.length && !only.some((name) => step.name.includes(name))) continue;
    console.log(`\n▶ ${step.name}`);
    try {
      await run(step.command, step.args);
    } catch {
      failures.push(step.name);
    }
  }
  const results = existsSync(report) ? (JSON.parse(readFileSync(report, "utf8")) as VitestReport) : undefined;
  console.log("");
  if (failures.length) console.log(`Failed steps: ${failures.join(", ")}`);
  if (results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + (failures.length && !results.numFailedTests ? failures.length : 0);
    console.log(`Summary: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
  } else {
    console.log(`Summary: 0 passed, ${Math.max(1, failures.length)} failed`);
  }
  process.exit(failures.length ? 1 : 0);
}

await main();
