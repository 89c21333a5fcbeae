DROP INDEX "api_usage_at_idx";--> statement-breakpoint
CREATE INDEX "api_usage_at_idx" ON "api_usage" USING brin ("at") WITH (autosummarize=on);