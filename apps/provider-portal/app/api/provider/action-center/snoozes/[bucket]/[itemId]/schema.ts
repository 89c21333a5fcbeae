export { ZUnsnoozeActionItem as ZUnsnoozeParams } from "@pp/core/action-center/unsnooze-action-item";
