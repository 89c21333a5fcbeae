-- Every domain an existing connection lists becomes a claim of one connection: the oldest one that
-- lists it (a later duplicate keeps the domain in its list but no longer signs anyone in with it).
-- Claims start unverified: the owner proves the domain with a DNS TXT record before new users or
-- memberships are created from it.
INSERT INTO "oidc_connection_domains" ("domain", "connection_id", "verification_token")
SELECT DISTINCT ON (lower(d.domain)) lower(d.domain), c.id, md5(random()::text || clock_timestamp()::text || c.id::text)
FROM "oidc_connections" c
CROSS JOIN LATERAL jsonb_array_elements_text(c.email_domains) AS d(domain)
ORDER BY lower(d.domain), c.created_at, c.id
ON CONFLICT ("domain") DO NOTHING;
--> statement-breakpoint
-- One-time links written before links were kept encrypted: remove them from stored texts, and give
-- up on such messages still queued (the invitation or reset has to be sent again).
UPDATE "email_outbox"
SET "status" = CASE WHEN "status" = 'queued' THEN 'failed' ELSE "status" END,
    "last_error" = CASE WHEN "status" = 'queued' THEN 'its link was removed at upgrade; send it again' ELSE "last_error" END,
    "text" = regexp_replace("text", 'https?://\S+/(accept-invitation\?token=|api/auth/reset-password/)\S*', '[link removed]', 'g')
WHERE "secret_ciphertext" IS NULL
  AND "text" ~ 'https?://\S+/(accept-invitation\?token=|api/auth/reset-password/)';
