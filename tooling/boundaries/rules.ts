import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import ts from "typescript";

/** One import (or re-export, or dynamic import) a file makes: what, and whether only types. */
export type ImportUse = { specifier: string; typeOnly: boolean; names: string[]; line: number };
export type Violation = { file: string; line: number; message: string };

type Rule = {
  /** Which files the rule is about (repo-relative, forward slashes). */
  applies: (file: string) => boolean;
  check: (use: ImportUse) => string | undefined;
};

const isTest = (file: string) => /\.(test|spec)\.tsx?$|\/testing(\.tsx?|\/)/.test(file);
const under = (prefix: string) => (file: string) => file.startsWith(prefix) && !isTest(file);
const is = (specifier: string, pkg: string) => specifier === pkg || specifier.startsWith(`${pkg}/`);
const ENUM_ARRAY = /^[A-Z][A-Z0-9_]*$/;

/** The package graph runs one way: env ← db ← core ← http ← apps, with ui beside http. */
const RULES: readonly Rule[] = [
  {
    applies: (file) => file.startsWith("packages/core/src/"),
    check: ({ specifier }) =>
      ["@pp/http", "@pp/ui", "react", "react-dom", "next"].some((pkg) => is(specifier, pkg))
        ? `packages/core imports "${specifier}": the domain knows nothing of HTTP, React or Next (env ← db ← core ← http ← apps)`
        : undefined,
  },
  {
    applies: (file) => file.startsWith("packages/db/src/"),
    check: ({ specifier }) =>
      ["@pp/core", "@pp/http", "@pp/ui"].some((pkg) => is(specifier, pkg))
        ? `packages/db imports "${specifier}": db sits below core, http and ui`
        : undefined,
  },
  {
    applies: (file) => file.startsWith("packages/http/src/"),
    check: ({ specifier }) =>
      ["@pp/ui", "react", "next"].some((pkg) => is(specifier, pkg))
        ? `packages/http imports "${specifier}": the handler kit has no UI`
        : undefined,
  },
  {
    applies: (file) => file.startsWith("packages/ui/src/"),
    check: ({ specifier, typeOnly }) =>
      !typeOnly && ["@pp/core", "@pp/db", "@pp/http"].some((pkg) => is(specifier, pkg))
        ? `packages/ui imports runtime code from "${specifier}": the UI kit takes domain values as props (type imports are fine)`
        : undefined,
  },
  {
    applies: under("apps/"),
    check: ({ specifier, typeOnly, names }) => {
      if (typeOnly) return undefined;
      if (specifier === "@pp/db" || specifier === "@pp/db/client") {
        return `apps import "${specifier}": pages and handlers reach the database through @pp/core`;
      }
      if (specifier !== "@pp/db/schema") return undefined;
      const values = names.filter((name) => !ENUM_ARRAY.test(name));
      return values.length
        ? `apps import ${values.join(", ")} from "@pp/db/schema": only types and enum arrays (ALL_CAPS) — query through @pp/core`
        : undefined;
    },
  },
];

/** Next.js inlines these at build time; reading them is how an instrumentation hook picks its runtime. */
const BUILD_CONSTANTS = new Set(["NEXT_RUNTIME", "NEXT_PHASE"]);

/** Only packages/env reads process.env in product code (apps and packages, tests aside). */
function readsEnvIllegally(file: string): boolean {
  return (
    (file.startsWith("apps/") || file.startsWith("packages/")) && !file.startsWith("packages/env/") && !isTest(file)
  );
}

export function importsOf(source: ts.SourceFile): ImportUse[] {
  const uses: ImportUse[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const valueNames = named.filter((element) => !element.isTypeOnly).map((element) => element.name.text);
      const hasDefaultOrNamespace =
        Boolean(clause?.name) || Boolean(clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings));
      const typeOnly =
        Boolean(clause?.isTypeOnly) || (clause !== undefined && !hasDefaultOrNamespace && valueNames.length === 0);
      uses.push({
        specifier: node.moduleSpecifier.text,
        typeOnly,
        names: hasDefaultOrNamespace ? ["*", ...valueNames] : valueNames,
        line: lineOf(node),
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
      const valueNames = named.filter((element) => !element.isTypeOnly).map((element) => element.name.text);
      uses.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: node.isTypeOnly || (named.length > 0 && valueNames.length === 0),
        names: node.exportClause ? valueNames : ["*"],
        line: lineOf(node),
      });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      uses.push({ specifier: node.arguments[0].text, typeOnly: false, names: ["*"], line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

function envReads(source: ts.SourceFile): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && node.getText(source) === "process.env") {
      const parent = node.parent;
      const name = ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
      if (!name || !BUILD_CONSTANTS.has(name)) {
        lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

/** Every boundary a file crosses. `file` is repo-relative with forward slashes. */
export function checkFile(file: string, text: string): Violation[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const violations: Violation[] = [];
  const rules = RULES.filter((rule) => rule.applies(file));
  for (const use of importsOf(source)) {
    for (const rule of rules) {
      const message = rule.check(use);
      if (message) violations.push({ file, line: use.line, message });
    }
  }
  if (readsEnvIllegally(file)) {
    for (const line of envReads(source)) {
      violations.push({
        file,
        line,
        message: "reads process.env: only packages/env does (add the variable to its schema)",
      });
    }
  }
  return violations;
}

/** Checks every tracked (or new, unignored) TypeScript file under apps/ and packages/. */
export function checkRepository(): { files: number; violations: Violation[] } {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx"], {
    encoding: "utf8",
  });
  const files = listed
    .split("\n")
    .filter((file) => /^(apps|packages)\//.test(file) && !file.includes("/node_modules/") && existsSync(file));
  return { files: files.length, violations: files.flatMap((file) => checkFile(file, readFileSync(file, "utf8"))) };
}
