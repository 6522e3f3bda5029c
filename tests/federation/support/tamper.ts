import { recordId } from '../../../sdk/record/index.js';

/** The JWS with one bit of its signature flipped: same header and payload, so the same record id. */
export function flipSignatureBit(jws: string): string {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/**
 * The JWS with its payload text edited and the original signature kept (what a relay that alters a record
 * would serve). Returns the new JWS and the id the edited payload would have.
 */
export function editPayload(jws: string, edit: (payload: string) => string): { jws: string; id: string } {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const edited = Buffer.from(edit(Buffer.from(payload, 'base64url').toString('utf8')), 'utf8');
  if (edited.equals(Buffer.from(payload, 'base64url'))) throw new Error('the edit changed nothing');
  return { jws: `${header}.${edited.toString('base64url')}.${signature}`, id: recordId(edited) };
}
