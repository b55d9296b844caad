"use client";
/**
 * The list's tasks, and, when the list is in manual order, moving them: dnd-kit's sortable list with
 * a handle per task, by pointer or by keyboard, with its screen-reader instructions and
 * announcements in words (the task's title and place, not its id). A drop computes the task's new
 * key between its neighbours (manual-order.ts) and the store moves it at once, putting it back with
 * a message if the API refuses. In any other sort there is nothing to drag: the handles are not
 * shown (the shortcuts' help says why).
 */
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Task } from "@/lib/tasks/api";
import { keyForMove } from "@/lib/tasks/manual-order";
import type { SortOrder } from "@/lib/tasks/task-query";
import { useTasks } from "@/lib/tasks/use-tasks";
import { DragHandle } from "./drag-handle";
import { TaskItem } from "./task-item";

const INSTRUCTIONS =
  "To move a task, press Space or Enter on its Move button, then the up and down arrow keys; Space or Enter drops it there, Escape puts it back.";

function SortableTaskItem({ task }: { task: Task }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
  });
  return (
    <TaskItem
      task={task}
      sortable={{
        ref: setNodeRef,
        style: { transform: CSS.Translate.toString(transform), transition },
        dragging: isDragging,
        handle: <DragHandle ref={setActivatorNodeRef} title={task.title} {...attributes} {...listeners} />,
      }}
    />
  );
}

export function SortableTaskList({ tasks, manual, order }: { tasks: Task[]; manual: boolean; order: SortOrder }) {
  const store = useTasks();
  const sensors = useSensors(
    // A few pixels before a drag starts, so that a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  if (!manual) {
    return (
      <ul className="space-y-3">
        {tasks.map((task) => (
          <TaskItem key={task.id} task={task} />
        ))}
      </ul>
    );
  }

  const indexOf = (id: UniqueIdentifier) => tasks.findIndex((task) => task.id === id);
  const titleOf = (id: UniqueIdentifier) => `“${tasks[indexOf(id)]?.title ?? "task"}”`;
  const place = (id: UniqueIdentifier) => `position ${indexOf(id) + 1} of ${tasks.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}, at ${place(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${titleOf(active.id)} is over ${place(over.id)}.` : `${titleOf(active.id)} is outside the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `${titleOf(active.id)} dropped at ${place(over.id)}.` : `${titleOf(active.id)} put back.`,
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} cancelled; it is back at ${place(active.id)}.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const task = tasks[indexOf(active.id)];
    if (!task) return;
    const shown = arrayMove(tasks, indexOf(active.id), indexOf(over.id));
    void store.move(task, keyForMove(shown, task.id, order));
  }

  return (
    <DndContext
      // A fixed id: dnd-kit's generated one would differ between the server's HTML and hydration.
      id="task-list-dnd"
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
    >
      <SortableContext items={tasks.map((task) => task.id)} strategy={verticalListSortingStrategy}>
        <ul className="space-y-3">
          {tasks.map((task) => (
            <SortableTaskItem key={task.id} task={task} />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}
