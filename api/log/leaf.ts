import { canonicalJson } from '../../sdk/canonical.js';

/** What a leaf of this node's log says: a record it accepted, or an event in its key history. */
export type LogLeaf =
  | { type: 'record'; id: string; author: string; from: string; at: string }
  | {
      type: 'key';
      event: 'added' | 'rotated' | 'revoked';
      member: string;
      role: string;
      kid: string;
      at: string;
      since?: string;
    };

/** Leaf bytes are RFC 8785 JSON, so anyone can recompute the leaf hash from the leaf. */
export const encodeLeaf = (leaf: LogLeaf): string => canonicalJson(leaf);

/** A leaf's fields, when its text is a JSON object (leaves from a peer are read with care). */
export function decodeLeaf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
