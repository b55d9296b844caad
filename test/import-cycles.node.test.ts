// No import cycle in the code that ships: the web worker (web/), the API worker (worker-api/) and
// the schema they share (drizzle/). Type-only imports count: a cycle of types still means two
// modules that cannot be read, or moved, one without the other. madge walks the imports as
// TypeScript resolves them (the web's `@/` paths included).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import madge from "madge";
import { describe, expect, it } from "vitest";

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The web's compiler options, with the folder its `@/*` paths are relative to spelled out for madge. */
function webTsConfig() {
  const config = JSON.parse(readFileSync(root("web/tsconfig.json"), "utf8"));
  return { ...config, compilerOptions: { ...config.compilerOptions, baseUrl: root("web") } };
}

const ROOTS: [folder: string, tsConfig: string | object][] = [
  ["web", webTsConfig()],
  ["worker-api", root("tsconfig.json")],
  ["drizzle", root("tsconfig.json")],
];

/** Each cycle as its modules' paths, from the folder that was walked. */
async function cyclesIn(folder: string, tsConfig: string | object): Promise<{ cycles: string[][]; files: number }> {
  const graph = await madge(root(folder), {
    fileExtensions: ["ts", "tsx"],
    tsConfig,
    // Build output (web/.next holds generated route types) is not the project's code.
    excludeRegExp: [/node_modules/, /\.d\.ts$/, /(^|\/)\.next\//, /(^|\/)\.open-next\//],
    // Type imports are followed; the parser's notices about its own AST's renamed fields are not ours.
    detectiveOptions: {
      ts: { skipTypeImports: false, suppressDeprecatedPropertyWarnings: true },
      tsx: { skipTypeImports: false, suppressDeprecatedPropertyWarnings: true },
    },
  });
  return { cycles: graph.circular(), files: Object.keys(graph.obj()).length };
}

describe("import cycles", () => {
  // madge resolves every import through TypeScript: about 10 s for web/ on an idle machine, several
  // times that when the test projects share two cores.
  it.each(ROOTS)("none in %s/", { timeout: 240_000 }, async (folder, tsConfig) => {
    const { cycles, files } = await cyclesIn(folder, tsConfig);
    // A walk that resolved nothing would find no cycle either.
    expect(files).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });
});
