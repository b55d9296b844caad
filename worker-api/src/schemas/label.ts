/** Request schemas for the label routes. */
import * as v from "valibot";
import { LABEL_COLORS, LABEL_NAME_MAX } from "../../../drizzle/limits.ts";
import { strictObject } from "./strict-object.ts";

const Name = v.pipe(
  v.string("name must be a string"),
  v.trim(),
  v.minLength(1, "name must not be empty"),
  v.maxLength(LABEL_NAME_MAX, `name must be at most ${LABEL_NAME_MAX} characters`),
  // A name is shown as a chip on one line: no line breaks, tabs or other control characters.
  v.regex(/^[^\p{Cc}]*$/u, "name must not contain control characters"),
);

const Color = v.picklist(LABEL_COLORS, `color must be one of ${LABEL_COLORS.join(", ")}`);

export const LabelCreateSchema = strictObject({ name: Name, color: v.optional(Color) });

export const LabelUpdateSchema = v.pipe(
  strictObject({ name: v.optional(Name), color: v.optional(Color) }),
  v.check((value) => value.name !== undefined || value.color !== undefined, "send name, color or both"),
);

export const LabelIdSchema = v.pipe(v.string(), v.uuid());

export type LabelCreate = v.InferOutput<typeof LabelCreateSchema>;
export type LabelUpdate = v.InferOutput<typeof LabelUpdateSchema>;
