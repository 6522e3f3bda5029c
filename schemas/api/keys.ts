import { timestampSchema } from '../common.js';
import { z } from '../zod.js';

export const keyRoleSchema = z.enum(['record', 'log', 'witness', 'peer']).openapi('KeyRole');

export const rotateKeyRequestSchema = z.object({ role: keyRoleSchema }).strict().openapi('RotateKeyRequest');

export const revokeKeyRequestSchema = z
  .object({
    kid: z.string().min(1).max(100),
    since: timestampSchema.describe(
      'Records first logged after this time and signed with the key are rejected',
    ),
  })
  .strict()
  .openapi('RevokeKeyRequest');

export const keyEventSchema = z
  .object({
    role: keyRoleSchema,
    announcement: z.string().describe('The signed announcement (compact JWS) peers verify'),
  })
  .passthrough()
  .openapi('KeyEvent');
