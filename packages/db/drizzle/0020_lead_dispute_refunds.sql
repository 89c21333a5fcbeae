CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"lead_dispute_id" uuid,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"stripe_refund_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_check" CHECK (amount_cents > 0),
	CONSTRAINT "refunds_status_check" CHECK (status in ('pending', 'requires_action', 'succeeded', 'failed', 'canceled')),
	CONSTRAINT "refunds_currency_check" CHECK (currency ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
DROP INDEX "tenant_credits_open_idx";--> statement-breakpoint
ALTER TABLE "tenant_credits" ADD COLUMN "refund_id" uuid;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_stripe_refund_key" ON "refunds" USING btree ("stripe_refund_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_lead_dispute_key" ON "refunds" USING btree ("lead_dispute_id") WHERE lead_dispute_id is not null;--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "refunds" USING btree ("payment_id");--> statement-breakpoint
ALTER TABLE "tenant_credits" ADD CONSTRAINT "tenant_credits_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_credits_refund_key" ON "tenant_credits" USING btree ("refund_id") WHERE refund_id is not null;--> statement-breakpoint
CREATE INDEX "tenant_credits_open_idx" ON "tenant_credits" USING btree ("tenant_id") WHERE applied_invoice_id is null and refund_id is null;--> statement-breakpoint
ALTER TABLE "tenant_credits" ADD CONSTRAINT "tenant_credits_used_once_check" CHECK (applied_invoice_id is null or refund_id is null);