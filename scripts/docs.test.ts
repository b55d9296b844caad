// The docs cannot drift from the tree: every relative link in README.md and docs/**/*.md points to
// a file (and heading) that exists, every repository path they name in `code` exists, and
// docs/layout.md names every folder of the four code roots. Moving a file without its docs fails here.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

/** Never part of the tree a reader sees: dependencies, build output, local data. */
const SKIPPED_NAMES = new Set(["node_modules", "coverage", "dist"]);

/** Every file and folder of the project, as paths relative to the root ("web/lib/", "web/lib/env.ts"). */
function walk(folder = ROOT, found: { files: string[]; folders: string[] } = { files: [], folders: [] }) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    // Dot-folders are tool state (.git, .next, .wrangler, .data), except CI's own.
    if (SKIPPED_NAMES.has(entry.name) || (entry.name.startsWith(".") && entry.isDirectory() && entry.name !== ".ci")) continue;
    const path = join(folder, entry.name);
    const name = relative(ROOT, path);
    if (entry.isDirectory()) {
      found.folders.push(name);
      walk(path, found);
    } else found.files.push(name);
  }
  return found;
}

const tree = walk();

function markdownFiles(): string[] {
  return ["README.md", ...tree.files.filter((file) => file.startsWith("docs/") && file.endsWith(".md"))];
}

/** The text outside fenced code blocks, where links and inline code mean what they say. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = (heading ?? "").replace(/`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** Relative link targets: [text](target) and <img src="target">. */
function links(markdown: string): string[] {
  const text = prose(markdown);
  const targets = [
    ...[...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? ""),
    ...[...text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1] ?? ""),
  ];
  return targets.filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

/** The folders a path in `code` may start with: the repository's own, so `drizzle-orm/neon-http` is not one. */
const PATH_ROOTS = ["web", "worker-api", "drizzle", "scripts", "e2e", "bench", "test", "docs", ".ci"];

/** Written by `npm run setup` or a build, never committed: named in the docs, absent from a clone. */
const GENERATED = new Set([".dev.vars", "web/.dev.vars", ".data/pglite", "web/.open-next"]);

/** Repository paths named in inline code: `web/lib/env.ts`, `worker-api/src/routes/`, `web/test/*.workers.test.ts`. */
function namedPaths(markdown: string): string[] {
  const paths = [...prose(markdown).matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? "");
  return paths.filter((path) => {
    const first = path.split("/")[0] ?? "";
    return path.includes("/") && PATH_ROOTS.includes(first) && !/[<>…]/.test(path);
  });
}

function globPattern(path: string): RegExp {
  const escaped = path.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\*\*\//g, "(?:.*/)?").replace(/\*/g, "[^/]*")}$`);
}

/** Whether a path named in the docs is in the tree (a folder when it ends in "/"; a glob must match a file). */
function pathExists(path: string): boolean {
  const bare = path.replace(/\/$/, "");
  if (GENERATED.has(bare)) return true;
  if (bare.includes("*")) return tree.files.some((file) => globPattern(bare).test(file));
  if (path.endsWith("/")) return tree.folders.includes(bare);
  return tree.files.includes(bare) || tree.folders.includes(bare);
}

describe("the docs", () => {
  const files = markdownFiles();

  it("are found: the README and the docs folder", () => {
    expect(files).toContain("README.md");
    expect(files).toContain("docs/layout.md");
  });

  it.each(files)("%s: every relative link points to an existing file and heading", (file) => {
    const markdown = readFileSync(join(ROOT, file), "utf8");
    const broken: string[] = [];
    for (const target of links(markdown)) {
      const [pathPart = "", anchor] = target.split("#");
      const targetFile = pathPart === "" ? join(ROOT, file) : resolve(ROOT, dirname(file), decodeURI(pathPart));
      if (!targetFile.startsWith(ROOT) || !existsSync(targetFile)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor && statSync(targetFile).isFile() && targetFile.endsWith(".md")) {
        if (!anchors(readFileSync(targetFile, "utf8")).has(anchor)) broken.push(`${target}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(files)("%s: every repository path it names exists", (file) => {
    const markdown = readFileSync(join(ROOT, file), "utf8");
    expect(namedPaths(markdown).filter((path) => !pathExists(path))).toEqual([]);
  });

  it("docs/layout.md names every folder of web/, worker-api/, drizzle/ and scripts/, two levels deep, and the other roots", () => {
    const named = new Set(namedPaths(readFileSync(join(ROOT, "docs/layout.md"), "utf8")).map((path) => path.replace(/\/$/, "")));
    const codeRoots = ["web", "worker-api", "drizzle", "scripts"];
    const required = [
      ...tree.folders.filter((folder) => {
        const [root, ...rest] = folder.split("/");
        return codeRoots.includes(root ?? "") && rest.length >= 1 && rest.length <= 2;
      }),
      "e2e",
      "bench",
      "test",
      "docs",
    ];
    // Named directly, or as the folder of a named file (`web/app/(session)/(app)/layout.tsx` names web/app/(session)/(app)).
    const isNamed = (folder: string) =>
      named.has(folder) ||
      [...named].some((path) => path.startsWith(`${folder}/`) && path.split("/").length === folder.split("/").length + 1);
    expect(required.filter((folder) => !isNamed(folder))).toEqual([]);
  });
});

describe("the docs' own checks", () => {
  it("read GitHub's anchors as GitHub writes them", () => {
    const markdown = "# Keys and secrets\n## Key rotation: new keys work at once\n## `npm run db` (local)\n## Notes\n## Notes\n";
    expect([...anchors(markdown)]).toEqual([
      "keys-and-secrets",
      "key-rotation-new-keys-work-at-once",
      "npm-run-db-local",
      "notes",
      "notes-1",
    ]);
  });

  it("see a missing path, a missing folder and a glob that matches nothing", () => {
    expect(pathExists("web/wrangler.toml")).toBe(true);
    expect(pathExists("web/app/(session)/(app)/layout.tsx")).toBe(true);
    expect(pathExists("web/test/*.workers.test.ts")).toBe(true);
    expect(pathExists("web/no-such-file.ts")).toBe(false);
    expect(pathExists("web/wrangler.toml/")).toBe(false);
    expect(pathExists("web/test/*.nothing.ts")).toBe(false);
  });

  it("take only repository paths from inline code", () => {
    const markdown =
      "`web/lib/` `drizzle-orm/neon-http` `/api/auth/token` `WEB_ORIGIN/api/auth/jwks` `web/lib/auth/plugins/<name>/`\n```\n`scripts/gone.ts`\n```";
    expect(namedPaths(markdown)).toEqual(["web/lib/"]);
  });
});
