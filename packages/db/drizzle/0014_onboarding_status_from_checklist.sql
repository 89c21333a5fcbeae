-- One onboarding truth: a tenant's onboarding status is its checklist's, and "not_started" without one.
-- Earlier seeds marked tenants "in_progress"/"completed" with no checklist row behind the claim.
UPDATE "tenants" t
SET "onboarding_status" = coalesce(o."status", 'not_started')
FROM "tenants" t2
LEFT JOIN "tenant_onboarding" o ON o."tenant_id" = t2."id"
WHERE t2."id" = t."id" AND t."onboarding_status" <> coalesce(o."status", 'not_started');
