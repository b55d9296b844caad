/** An object that refuses fields it does not know, reporting each under its own name. */
import * as v from "valibot";

export const strictObject = <const Entries extends v.ObjectEntries>(entries: Entries) =>
  v.strictObject(entries, (issue) => (issue.expected === "never" ? "unknown field" : "must be a JSON object"));
