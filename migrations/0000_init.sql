CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"role" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "log_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_cosignatures" (
	"checkpoint_size" bigint NOT NULL,
	"witness" text NOT NULL,
	"key_id" bigint NOT NULL,
	"line" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_cosignatures_checkpoint_size_witness_key_id_pk" PRIMARY KEY("checkpoint_size","witness","key_id")
);
--> statement-breakpoint
CREATE TABLE "fork_evidence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member" text NOT NULL,
	"origin" text NOT NULL,
	"earlier_note" text NOT NULL,
	"later_note" text NOT NULL,
	"proof" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_announcements" (
	"jws" text PRIMARY KEY NOT NULL,
	"member" text NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_leaves" (
	"index" bigint PRIMARY KEY NOT NULL,
	"leaf" text NOT NULL,
	"record_id" text
);
--> statement-breakpoint
CREATE TABLE "log_nodes" (
	"level" integer NOT NULL,
	"index" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "log_nodes_level_index_pk" PRIMARY KEY("level","index")
);
--> statement-breakpoint
CREATE TABLE "member_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"member" text NOT NULL,
	"role" text NOT NULL,
	"jwk" jsonb,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_since" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"forked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "node_identity" (
	"id" integer PRIMARY KEY NOT NULL,
	"member" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	"revoked_since" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "peer_checkpoints" (
	"member" text NOT NULL,
	"size" bigint NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"note" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peer_checkpoints_member_size_pk" PRIMARY KEY("member","size")
);
--> statement-breakpoint
CREATE TABLE "peer_sync" (
	"member" text PRIMARY KEY NOT NULL,
	"cursor" bigint DEFAULT -1 NOT NULL,
	"peer_head" bigint,
	"received" bigint DEFAULT 0 NOT NULL,
	"rejected" bigint DEFAULT 0 NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "peer_token_uses" (
	"jti" text PRIMARY KEY NOT NULL,
	"issuer" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_receipts" (
	"record_id" text NOT NULL,
	"from_member" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sender_seq" bigint,
	CONSTRAINT "record_receipts_record_id_from_member_pk" PRIMARY KEY("record_id","from_member")
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"jws" text NOT NULL,
	"type" text NOT NULL,
	"author" text NOT NULL,
	"kid" text NOT NULL,
	"tlp" text NOT NULL,
	"recipients" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"supersedes" text,
	"retracts" text,
	"kind" text,
	"measure_keys" text[] NOT NULL,
	"instruments" text[] NOT NULL,
	"hs_keys" text[] NOT NULL,
	"jurisdictions" text[] NOT NULL,
	"announced_start" date,
	"announced_end" date,
	"effective_start" date,
	"effective_end" date,
	"observed_start" date,
	"observed_end" date,
	"search_text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED NOT NULL,
	"received_from" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "records_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "rejections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"from_member" text NOT NULL,
	"record_id" text,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "log_cosignatures" ADD CONSTRAINT "log_cosignatures_checkpoint_size_log_checkpoints_size_fk" FOREIGN KEY ("checkpoint_size") REFERENCES "public"."log_checkpoints"("size") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_keys_member_role_idx" ON "member_keys" USING btree ("member","role");--> statement-breakpoint
CREATE INDEX "peer_token_uses_expires_idx" ON "peer_token_uses" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "records_measure_keys_idx" ON "records" USING gin ("measure_keys") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "records_instruments_idx" ON "records" USING gin ("instruments") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "records_hs_keys_idx" ON "records" USING gin ("hs_keys") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "records_jurisdictions_idx" ON "records" USING gin ("jurisdictions") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "records_search_idx" ON "records" USING gin ("search") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "records_kind_seq_idx" ON "records" USING btree ("kind","seq");--> statement-breakpoint
CREATE INDEX "records_tlp_seq_idx" ON "records" USING btree ("tlp","seq");--> statement-breakpoint
CREATE INDEX "records_author_seq_idx" ON "records" USING btree ("author","seq");--> statement-breakpoint
CREATE INDEX "records_created_at_idx" ON "records" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "records_announced_span_idx" ON "records" USING gist ((case when "announced_start" is null and "announced_end" is null then null else daterange("announced_start", "announced_end", '[]') end));--> statement-breakpoint
CREATE INDEX "records_effective_span_idx" ON "records" USING gist ((case when "effective_start" is null and "effective_end" is null then null else daterange("effective_start", "effective_end", '[]') end));--> statement-breakpoint
CREATE INDEX "records_observed_span_idx" ON "records" USING gist ((case when "observed_start" is null and "observed_end" is null then null else daterange("observed_start", "observed_end", '[]') end));--> statement-breakpoint
CREATE INDEX "records_supersedes_idx" ON "records" USING btree ("supersedes");--> statement-breakpoint
CREATE INDEX "records_retracts_idx" ON "records" USING btree ("retracts");--> statement-breakpoint
CREATE INDEX "rejections_from_idx" ON "rejections" USING btree ("from_member","at");