CREATE TABLE "oidc_connection_domains" (
	"domain" text PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"verification_token" text NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oidc_connection_domains_lower_check" CHECK (domain = lower(domain))
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "sso_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oidc_connection_domains" ADD CONSTRAINT "oidc_connection_domains_connection_id_oidc_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."oidc_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oidc_connection_domains_connection_idx" ON "oidc_connection_domains" USING btree ("connection_id");