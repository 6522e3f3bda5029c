ALTER TABLE "record_receipts" ADD COLUMN "sender_tree_size" bigint;--> statement-breakpoint
ALTER TABLE "record_receipts" ADD COLUMN "sender_leaf" text;--> statement-breakpoint
ALTER TABLE "record_receipts" ADD COLUMN "sender_proof" "bytea";