/** One Ed25519 key per role (DESIGN.md protocol 4); a key pinned for one role is never accepted for another. */
export type KeyRole = 'record' | 'log' | 'witness' | 'peer';

export const KEY_ROLES: readonly KeyRole[] = ['record', 'log', 'witness', 'peer'];
