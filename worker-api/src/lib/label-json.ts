/** The API's JSON form of a label (its schema is `LabelJsonSchema`). */
import type * as v from "valibot";
import type { Label } from "../../../drizzle/schema.ts";
import type { LabelJsonSchema } from "../schemas/responses.ts";

export type LabelJson = v.InferOutput<typeof LabelJsonSchema>;

export function toLabelJson(label: Label): LabelJson {
  return {
    id: label.id,
    name: label.name,
    color: label.color as LabelJson["color"],
    created_at: label.createdAt.toISOString(),
  };
}
