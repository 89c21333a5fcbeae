export { ZDecideDispute as ZDecideDisputeBody } from "@pp/core/leads/decide-dispute";
