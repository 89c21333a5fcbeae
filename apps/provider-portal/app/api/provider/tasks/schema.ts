export { ZCreateTask as ZCreateTaskBody } from "@pp/core/tasks/create-task";
