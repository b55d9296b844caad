/**
 * A migration file's SQL as single statements: drizzle-kit's `--> statement-breakpoint` chunks,
 * split again at top-level semicolons, with comments removed. Quotes, quoted identifiers and
 * dollar-quoted bodies (`DO $$ … $$`) are kept whole: a semicolon inside them ends nothing.
 */

const BREAKPOINT = "--> statement-breakpoint";

/** The statements of `sql`, comments removed and whitespace collapsed, in order. */
export function splitStatements(sql: string): string[] {
  return sql.split(BREAKPOINT).flatMap(splitChunk);
}

function splitChunk(chunk: string): string[] {
  const statements: string[] = [];
  let current = "";
  let i = 0;
  while (i < chunk.length) {
    const rest = chunk.slice(i);
    const dollarTag = /^\$[A-Za-z_]*\$/.exec(rest)?.[0];
    if (rest.startsWith("--")) {
      const end = chunk.indexOf("\n", i);
      i = end < 0 ? chunk.length : end;
    } else if (rest.startsWith("/*")) {
      const end = chunk.indexOf("*/", i + 2);
      i = end < 0 ? chunk.length : end + 2;
      current += " ";
    } else if (dollarTag) {
      const end = chunk.indexOf(dollarTag, i + dollarTag.length);
      const stop = end < 0 ? chunk.length : end + dollarTag.length;
      current += chunk.slice(i, stop);
      i = stop;
    } else if (rest[0] === "'" || rest[0] === '"') {
      const stop = quotedEnd(chunk, i);
      current += chunk.slice(i, stop);
      i = stop;
    } else if (rest[0] === ";") {
      statements.push(current);
      current = "";
      i += 1;
    } else {
      current += rest[0];
      i += 1;
    }
  }
  statements.push(current);
  return statements.map(collapse).filter((statement) => statement.length > 0);
}

/** The index after the quote that closes the one at `start` (a doubled quote escapes itself). */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return text.length;
}

const collapse = (statement: string) => statement.replace(/\s+/g, " ").trim();
