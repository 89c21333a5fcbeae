CREATE TABLE "tenant_lead_sources" (
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"leads" integer NOT NULL,
	"counted_before" timestamp with time zone NOT NULL,
	CONSTRAINT "tenant_lead_sources_tenant_id_source_pk" PRIMARY KEY("tenant_id","source"),
	CONSTRAINT "tenant_lead_sources_source_check" CHECK (source in ('web', 'phone', 'import', 'marketplace'))
);
--> statement-breakpoint
ALTER TABLE "tenant_lead_sources" ADD CONSTRAINT "tenant_lead_sources_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_period_start_idx" ON "invoices" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "lead_disputes_created_idx" ON "lead_disputes" USING btree ("created_at");