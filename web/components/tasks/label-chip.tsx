/** A label as a chip: its name on its colour (the colour is decoration; the name says it all). */
import type { Label } from "@/lib/tasks/api";
import { LABEL_CHIP } from "@/lib/tasks/label-colors";

export function LabelChip({ label }: { label: Pick<Label, "name" | "color"> }) {
  return (
    <span
      className={`inline-flex max-w-full items-center truncate rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${LABEL_CHIP[label.color]}`}
    >
      {label.name}
    </span>
  );
}
