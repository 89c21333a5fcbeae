CREATE INDEX "lead_disputes_credit_line_idx" ON "lead_disputes" USING btree ("credit_line_id") WHERE credit_line_id is not null;--> statement-breakpoint
CREATE INDEX "lead_disputes_raised_by_idx" ON "lead_disputes" USING btree ("raised_by");--> statement-breakpoint
CREATE INDEX "lead_disputes_decided_by_idx" ON "lead_disputes" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "lead_reclassifications_actor_idx" ON "lead_reclassifications" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "leads_invoice_line_idx" ON "leads" USING btree ("invoice_line_id") WHERE invoice_line_id is not null;--> statement-breakpoint
CREATE INDEX "nps_responses_user_idx" ON "nps_responses" USING btree ("user_id");