CREATE TABLE "nps_dismissals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "pinned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nps_dismissals" ADD CONSTRAINT "nps_dismissals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nps_dismissals" ADD CONSTRAINT "nps_dismissals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nps_dismissals_user_idx" ON "nps_dismissals" USING btree ("user_id","dismissed_at");--> statement-breakpoint
CREATE INDEX "nps_dismissals_tenant_idx" ON "nps_dismissals" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "health_scores_day_idx" ON "health_scores" USING btree ("day","score");--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_runs_running_key" ON "playbook_runs" USING btree ("tenant_id","playbook_id") WHERE status = 'running';