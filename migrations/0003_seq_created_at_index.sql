DROP INDEX "records_created_at_idx";--> statement-breakpoint
CREATE INDEX "records_seq_created_at_idx" ON "records" USING btree ("seq","created_at");