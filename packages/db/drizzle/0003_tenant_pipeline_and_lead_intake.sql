ALTER TABLE "tenants" ADD COLUMN "pipeline_stages" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "lead_intake" jsonb;