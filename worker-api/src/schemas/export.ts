/** The export's query: which format, and how many tasks each database read fetches. */
import * as v from "valibot";
import { strictObject } from "./strict-object.ts";

export const EXPORT_FORMATS = ["json", "csv"] as const;

/** Enough rows per read that 10,000 tasks take 20 reads, few enough that a page stays small. */
export const EXPORT_PAGE_SIZE_DEFAULT = 500;
export const EXPORT_PAGE_SIZE_MAX = 1000;

export const TaskExportQuerySchema = strictObject({
  format: v.optional(v.picklist(EXPORT_FORMATS, `format must be ${EXPORT_FORMATS.join(" or ")}`), "json"),
  /** Tasks per database read (the memory an export holds at once); the file is the same whatever it is. */
  page_size: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, "page_size must be a whole number"),
      v.transform(Number),
      v.minValue(1, "page_size must be at least 1"),
      v.maxValue(EXPORT_PAGE_SIZE_MAX, `page_size must be at most ${EXPORT_PAGE_SIZE_MAX}`),
    ),
    String(EXPORT_PAGE_SIZE_DEFAULT),
  ),
});

export type TaskExportQuery = v.InferOutput<typeof TaskExportQuerySchema>;
