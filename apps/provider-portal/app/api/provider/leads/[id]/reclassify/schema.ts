export { ZReclassifyLead as ZReclassifyLeadBody } from "@pp/core/leads/reclassify-lead";
