/** The tasks page's list heading, where the focus goes when the focused task leaves the list. */
export const TASK_LIST_HEADING_ID = "task-list-heading";

export const focusTaskListHeading = () => document.getElementById(TASK_LIST_HEADING_ID)?.focus();
