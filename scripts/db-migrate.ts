// npm run db:migrate – applies the committed migrations to DATABASE_URL (or the embedded database).
import { ROOT } from "./lib/apps";
import { openProductDatabase } from "./lib/database";
import { loadDotEnv } from "./lib/dev-secrets";

loadDotEnv(ROOT);
const database = await openProductDatabase();
console.log(
  `Migrations applied to ${new URL(database.url).pathname.slice(1)}${database.embedded ? " (embedded)" : ""}.`,
);
await database.stop();
