import { z } from '../../schemas/zod.js';

/** One Ed25519 key per role (DESIGN.md protocol 4); a key pinned for one role is never accepted for another. */
export type KeyRole = 'record' | 'log' | 'witness' | 'peer';

export const KEY_ROLES: readonly KeyRole[] = ['record', 'log', 'witness', 'peer'];

/** A key role in a signed statement (announcements, proofs of possession). */
export const keyRoleSchema = z.enum(['record', 'log', 'witness', 'peer']);
