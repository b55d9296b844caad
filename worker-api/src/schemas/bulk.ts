/** The request of the bulk route: one action on up to BULK_IDS_MAX of the person's tasks. */
import * as v from "valibot";
import { BULK_IDS_MAX } from "../../../drizzle/limits.ts";
import { strictObject } from "./strict-object.ts";

export const BULK_ACTIONS = ["complete", "reopen", "delete", "add_label", "remove_label"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const Ids = v.pipe(
  v.array(v.pipe(v.string("ids must be task ids"), v.uuid("ids must be task ids")), "ids must be a list of task ids"),
  v.minLength(1, "ids must name at least one task"),
  v.maxLength(BULK_IDS_MAX, `ids may name at most ${BULK_IDS_MAX} tasks`),
  // The same task twice is one task: acting on it once is what was meant.
  v.transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
);

export const BulkSchema = v.pipe(
  strictObject({
    action: v.picklist(BULK_ACTIONS, `action must be one of ${BULK_ACTIONS.join(", ")}`),
    ids: Ids,
    label_id: v.optional(v.pipe(v.string("label_id must be a label id"), v.uuid("label_id must be a label id"))),
  }),
  v.forward(
    v.check(
      (input) => (input.action === "add_label" || input.action === "remove_label") === (input.label_id !== undefined),
      "label_id is required for add_label and remove_label, and only for them",
    ),
    ["label_id"],
  ),
);

export type BulkRequest = v.InferOutput<typeof BulkSchema>;

/** The request of the restore route: tasks deleted within the undo window, written back. */
export const RestoreSchema = strictObject({ ids: Ids });

export type RestoreRequest = v.InferOutput<typeof RestoreSchema>;
