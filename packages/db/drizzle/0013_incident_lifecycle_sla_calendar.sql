CREATE TABLE "alert_subscriptions" (
	"user_id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" DROP CONSTRAINT "incidents_status_check";--> statement-breakpoint
ALTER TABLE "incident_events" ADD COLUMN "visibility" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "source" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "requested_by_id" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "resolution_note" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "ack_warn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "resolve_warn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "resolve_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "calendar" text DEFAULT '24x7' NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "business_days" jsonb DEFAULT '[1,2,3,4,5]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "business_start_minute" integer DEFAULT 540 NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "business_end_minute" integer DEFAULT 1020 NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "holidays" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_subscriptions" ADD CONSTRAINT "alert_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_visibility_check" CHECK (visibility in ('internal', 'customer'));--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_source_check" CHECK (source in ('staff', 'tenant', 'alert'));--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_status_check" CHECK (status in ('open', 'acknowledged', 'waiting_on_customer', 'resolved'));--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_calendar_check" CHECK (calendar in ('24x7', 'business_hours'));--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_business_window_check" CHECK (business_start_minute >= 0 and business_start_minute < business_end_minute and business_end_minute <= 1440);