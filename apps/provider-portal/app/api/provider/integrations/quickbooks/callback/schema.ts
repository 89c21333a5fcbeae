export { ZQuickbooksCallback } from "@pp/core/onboarding/quickbooks-oauth";
