ALTER TABLE "leads" ADD COLUMN "won_value_cents" integer;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_won_value_check" CHECK (won_value_cents is null or won_value_cents >= 0);