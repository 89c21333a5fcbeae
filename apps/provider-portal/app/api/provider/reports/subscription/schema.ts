export { ZReportSubscriptionInput as ZReportSubscriptionBody } from "@pp/core/reports/report-subscription";
