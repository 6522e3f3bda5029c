import { memberIdSchema } from '../common.js';
import { z } from '../zod.js';

export const publicJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    kid: z.string().describe('RFC 7638 thumbprint'),
    use: z.literal('sig'),
    alg: z.literal('Ed25519'),
  })
  .openapi('PublicJwk');

export const jwksSchema = z.object({ keys: z.array(publicJwkSchema) }).openapi('Jwks');

export const keyThumbprintsSchema = z
  .object({
    record: z.array(z.string()),
    log: z.array(z.string()),
    witness: z.array(z.string()),
    peer: z.array(z.string()),
  })
  .openapi('KeyThumbprints');

export const nodeDocumentSchema = z
  .object({
    id: memberIdSchema,
    software: z.object({ name: z.string(), version: z.string() }),
    protocol: z.string(),
    api: z.string(),
    federation: z.string(),
    jwks: z.string(),
    keys: keyThumbprintsSchema,
    formerKeys: z
      .object({ record: z.array(z.string()) })
      .describe('Record keys rotated away and not revoked: they still verify the records they signed'),
  })
  .openapi('NodeDocument');

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    member: memberIdSchema,
    database: z.enum(['ready', 'unavailable']),
  })
  .openapi('Health');
