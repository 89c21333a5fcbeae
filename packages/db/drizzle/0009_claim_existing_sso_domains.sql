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
