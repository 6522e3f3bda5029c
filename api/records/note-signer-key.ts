import { importPublicJwk, type PublicJwk } from '../../sdk/keys/index.js';
import { ed25519NoteVerifier, verifyCheckpoint } from '../../sdk/log/index.js';
import { logOrigin } from '../log/names.js';

/**
 * Of a member's log keys, the one whose signature `note` carries. A log that rotated its key has several,
 * and a checkpoint is signed by the key that was current when it was made.
 */
export function keyThatSignedNote(
  note: string,
  member: string,
  candidates: readonly PublicJwk[],
): PublicJwk | undefined {
  return candidates.find((jwk) => {
    try {
      verifyCheckpoint(note, { logKey: ed25519NoteVerifier(logOrigin(member), importPublicJwk(jwk)) });
      return true;
    } catch {
      return false;
    }
  });
}
