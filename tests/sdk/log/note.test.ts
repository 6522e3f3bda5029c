import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SightlineError } from '../../../sdk/errors.js';
import { generateKeyPair } from '../../../sdk/keys/index.js';
import {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  noteVerifierKey,
  openNote,
  parseNoteVerifierKey,
  signNote,
  splitNote,
} from '../../../sdk/log/index.js';

const vector = JSON.parse(
  readFileSync(new URL('../../vectors/c2sp-signed-note.json', import.meta.url), 'utf8'),
) as {
  vkey: string;
  skey: string;
  text: string;
  signatureLine: string;
};
const peterNote = `${vector.text}\n${vector.signatureLine}`;

/** The Go note package's signer key: PRIVATE+KEY+<name>+<id>+base64(0x01 || 32-byte seed). */
function peterPrivateKey() {
  const seed = Buffer.from(vector.skey.split('+').slice(4).join('+'), 'base64').subarray(1);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof SightlineError ? error.code : `not a SightlineError: ${error}`;
  }
  return undefined;
}

describe('C2SP signed-note test vector (PeterNeumann)', () => {
  const peter = parseNoteVerifierKey(vector.vkey);

  it('parses the verifier key', () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyId).toBe(0xc74f20a3);
  });

  it('opens the note', () => {
    const opened = openNote(peterNote, [peter]);
    expect(opened.text).toBe(vector.text);
    expect(opened.verified.map(({ name, keyId }) => ({ name, keyId }))).toEqual([
      { name: 'PeterNeumann', keyId: 0xc74f20a3 },
    ]);
    expect(opened.unverified).toEqual([]);
    expect(openNote(Buffer.from(peterNote, 'utf8'), [peter]).text).toBe(vector.text);
  });

  it('signs the same bytes with the signer key (Ed25519 is deterministic)', () => {
    const signer = ed25519NoteSigner('PeterNeumann', peterPrivateKey());
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signNote(vector.text, [signer])).toBe(peterNote);
    expect(noteVerifierKey('PeterNeumann', peterPrivateKey())).toBe(vector.vkey);
  });

  it('fails when any byte of the text or signature changes', () => {
    const bytes = Buffer.from(peterNote, 'utf8');
    const signatureStart = bytes.indexOf(Buffer.from(' x08go', 'utf8')) + 1;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x0a) continue; // changing a newline changes the structure, checked below
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] as number) ^ (i < signatureStart ? 0x01 : 0x02);
      expect(
        errorCode(() => openNote(changed, [peter])),
        `byte ${i}`,
      ).toBeDefined();
    }
    expect(errorCode(() => openNote(peterNote.replace('cryptography', 'cryptographY'), [peter]))).toBe(
      'invalid_note_signature',
    );
    expect(errorCode(() => openNote(peterNote.replace('pRZb6KE6', 'pRZb6KE7'), [peter]))).toBe(
      'invalid_note_signature',
    );
    // The first base64 characters are the key ID: changing them makes the signature one by an unknown key.
    expect(errorCode(() => openNote(peterNote.replace('x08go', 'x08gp'), [peter]))).toBe('unverified_note');
    expect(errorCode(() => openNote(peterNote.replace('\n\n', '\n'), [peter]))).toBe('malformed_note');
  });

  it('refuses every mangling of the verifier key', () => {
    const key = vector.vkey;
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i !== 0 || j !== key.length)
          expect(errorCode(() => parseNoteVerifierKey(key.slice(i, j)))).toBe('invalid_key');
      }
    }
    for (let i = 0; i < key.length; i++) {
      const mangled = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(
        errorCode(() => parseNoteVerifierKey(mangled)),
        mangled,
      ).toBe('invalid_key');
    }
    // A 33-byte key and an unknown algorithm byte, each with a key ID that matches its bytes.
    expect(
      errorCode(() =>
        parseNoteVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
      ),
    ).toBe('invalid_key');
    expect(
      errorCode(() =>
        parseNoteVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
      ),
    ).toBe('invalid_key');
  });
});

describe('openNote rules', () => {
  const alice = generateKeyPair();
  const bob = generateKeyPair();
  const aliceSigner = ed25519NoteSigner('example.com/alice', alice.privateKey);
  const bobSigner = ed25519NoteSigner('example.com/bob', bob.privateKey);
  const aliceVerifier = ed25519NoteVerifier('example.com/alice', alice.publicKey);
  const bobVerifier = ed25519NoteVerifier('example.com/bob', bob.publicKey);
  const text = 'line one\n\nline three after an empty line\n';

  it('verifies known signatures and keeps unknown ones aside', () => {
    const note = signNote(text, [aliceSigner, bobSigner]);
    const opened = openNote(note, [aliceVerifier]);
    expect(opened.text).toBe(text);
    expect(opened.verified.map((s) => s.name)).toEqual(['example.com/alice']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['example.com/bob']);
    expect(openNote(note, [aliceVerifier, bobVerifier]).verified).toHaveLength(2);
  });

  it('ignores a signature that shares a name (but not a key ID) with a known key', () => {
    const impostor = ed25519NoteSigner('example.com/alice', bob.privateKey);
    const note = signNote(text, [impostor, aliceSigner]);
    expect(openNote(note, [aliceVerifier]).unverified).toHaveLength(1);
    expect(errorCode(() => openNote(signNote(text, [impostor]), [aliceVerifier]))).toBe('unverified_note');
  });

  it('rejects a note no known key signed', () => {
    expect(errorCode(() => openNote(signNote(text, [bobSigner]), [aliceVerifier]))).toBe('unverified_note');
  });

  it('rejects a repeated known signature, dedupes repeated unknown ones', () => {
    const note = signNote(text, [aliceSigner, bobSigner]);
    const [, bobLine] = splitNote(note).signatures;
    const aliceLine = note.slice(note.indexOf('\u2014'), note.indexOf('\n', note.indexOf('\u2014')) + 1);
    expect(errorCode(() => openNote(note + aliceLine, [aliceVerifier]))).toBe('malformed_note');
    const bobText = note.slice(note.lastIndexOf('\u2014'));
    expect(openNote(note + bobText, [aliceVerifier]).unverified).toEqual([bobLine]);
  });

  it('refuses two verifiers for the same name and key ID', () => {
    expect(errorCode(() => openNote(signNote(text, [aliceSigner]), [aliceVerifier, aliceVerifier]))).toBe(
      'invalid_key',
    );
  });

  it.each([
    ['no blank line', 'text\n\u2014 example.com/alice AAAAAAA=\n'],
    ['no signature lines', 'text\n\n'],
    ['no final newline', () => signNote('text\n', [aliceSigner]).slice(0, -1)],
    ['a hyphen instead of an em dash', () => signNote('text\n', [aliceSigner]).replace('\u2014', '--')],
    ['a control character', () => signNote('text\n', [aliceSigner]).replace('text', 'te\txt')],
    ['a carriage return', () => signNote('text\n', [aliceSigner]).replace('text\n', 'text\r\n')],
    ['unpadded base64', () => signNote('text\n', [aliceSigner]).replace(/=\n$/, '\n')],
    ['a 4-byte signature', 'text\n\n\u2014 example.com/alice AAAAAA==\n'],
    ['a key name with a plus', 'text\n\n\u2014 example+com AAAAAAA=\n'],
    ['no key name', 'text\n\n\u2014  AAAAAAA=\n'],
    ['a lone surrogate', 'te\ud800xt\n\n\u2014 example.com/alice AAAAAAA=\n'],
    ['101 signatures', `text\n\n${'\u2014 example.com/x AAAAAAA=\n'.repeat(101)}`],
  ])('rejects a note with %s as malformed', (_name, note) => {
    const text = typeof note === 'function' ? note() : note;
    expect(errorCode(() => openNote(text, [aliceVerifier]))).toBe('malformed_note');
  });

  it('rejects bytes that are not UTF-8', () => {
    const note = Buffer.from(signNote('text\n', [aliceSigner]), 'utf8');
    note[1] = 0xff;
    expect(errorCode(() => openNote(note, [aliceVerifier]))).toBe('malformed_note');
  });

  it('refuses to sign text without a final newline or with control characters, or with a bad key name', () => {
    expect(errorCode(() => signNote('text', [aliceSigner]))).toBe('malformed_note');
    expect(errorCode(() => signNote('te\u0000xt\n', [aliceSigner]))).toBe('malformed_note');
    expect(errorCode(() => ed25519NoteSigner('has space', alice.privateKey))).toBe('invalid_key');
    expect(errorCode(() => ed25519NoteSigner('', alice.privateKey))).toBe('invalid_key');
  });
});
