// npm run docs:api – writes docs/api.md from the route files themselves (method, permission, purpose).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { renderApiDocs } from "../tooling/routes/api-docs";

const target = path.resolve(import.meta.dirname, "../docs/api.md");
writeFileSync(target, renderApiDocs());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
