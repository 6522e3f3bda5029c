-- A JWS is base64url text that pglz barely shrinks, and compressing it on every insert cost about a third of
-- the records table's own insert time: store it uncompressed, out of line.
ALTER TABLE "records" ALTER COLUMN "jws" SET STORAGE EXTERNAL;
