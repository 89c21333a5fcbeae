export { ZSnoozeActionItem as ZSnoozeBody } from "@pp/core/action-center/snooze-action-item";
