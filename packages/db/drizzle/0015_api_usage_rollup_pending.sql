CREATE TABLE "api_usage_rollup_pending" (
	"hour" timestamp with time zone PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
