CREATE TABLE "acquisition_spend" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" date NOT NULL,
	"channel" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acquisition_spend_channel_check" CHECK (channel in ('web', 'phone', 'import', 'marketplace')),
	CONSTRAINT "acquisition_spend_amount_check" CHECK (amount_cents >= 0),
	CONSTRAINT "acquisition_spend_month_check" CHECK (extract(day from month) = 1)
);
--> statement-breakpoint
CREATE TABLE "subscription_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"to_plan_id" uuid,
	"to_quantity" integer,
	"reason" text,
	"event_id" uuid,
	"effective_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_changes_kind_check" CHECK (kind in ('change', 'cancel')),
	CONSTRAINT "subscription_changes_quantity_check" CHECK (to_quantity is null or to_quantity > 0)
);
--> statement-breakpoint
CREATE TABLE "subscription_prorations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"description" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"invoice_line_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_to_plan_id_plans_id_fk" FOREIGN KEY ("to_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_event_id_subscription_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."subscription_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_prorations" ADD CONSTRAINT "subscription_prorations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_prorations" ADD CONSTRAINT "subscription_prorations_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_prorations" ADD CONSTRAINT "subscription_prorations_invoice_line_id_invoice_lines_id_fk" FOREIGN KEY ("invoice_line_id") REFERENCES "public"."invoice_lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acquisition_spend_month_channel_key" ON "acquisition_spend" USING btree ("month","channel");--> statement-breakpoint
CREATE INDEX "subscription_changes_pending_idx" ON "subscription_changes" USING btree ("subscription_id","effective_at") WHERE applied_at is null and withdrawn_at is null;--> statement-breakpoint
CREATE INDEX "subscription_prorations_pending_idx" ON "subscription_prorations" USING btree ("subscription_id") WHERE invoice_line_id is null;