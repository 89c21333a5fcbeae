ALTER TABLE "lead_categories" DROP CONSTRAINT "lead_categories_price_check";--> statement-breakpoint
DROP INDEX "invoices_overdue_idx";--> statement-breakpoint
ALTER TABLE "lead_categories" ALTER COLUMN "price_cents" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "included" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "tenant_credit_id" uuid;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "written_off_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "written_off_by" text;--> statement-breakpoint
ALTER TABLE "tenant_credits" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_credits" ADD COLUMN "split_from_id" uuid;--> statement-breakpoint
ALTER TABLE "lead_categories" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
CREATE INDEX "invoice_lines_tenant_credit_idx" ON "invoice_lines" USING btree ("tenant_credit_id") WHERE tenant_credit_id is not null;--> statement-breakpoint
CREATE INDEX "invoices_overdue_idx" ON "invoices" USING btree ("due_at") WHERE status in ('open', 'uncollectible') and written_off_at is null;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_included_check" CHECK (not included or (kind = 'lead' and amount_cents = 0));--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tenant_credit_check" CHECK (tenant_credit_id is null or kind = 'credit');--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_currency_check" CHECK (currency ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_written_off_check" CHECK (written_off_at is null or status = 'uncollectible');--> statement-breakpoint
ALTER TABLE "tenant_credits" ADD CONSTRAINT "tenant_credits_currency_check" CHECK (currency ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "lead_categories" ADD CONSTRAINT "lead_categories_currency_check" CHECK (currency ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "lead_categories" ADD CONSTRAINT "lead_categories_price_check" CHECK (price_cents is null or price_cents >= 0);--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_currency_check" CHECK (currency ~ '^[A-Z]{3}$');