import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SightlineError } from '../../../sdk/errors.js';
import { generateKeyPair, rawEd25519PublicKey } from '../../../sdk/keys/index.js';
import {
  type Checkpoint,
  cosignatureTime,
  cosignatureVerifier,
  cosignCheckpoint,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatCheckpoint,
  NOTE_KEY_TYPE,
  noteVerifierKey,
  parseCheckpoint,
  parseNoteVerifierKey,
  signCheckpoint,
  signNote,
  splitNote,
  verifyCheckpoint,
} from '../../../sdk/log/index.js';

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof SightlineError ? error.code : `not a SightlineError: ${error}`;
  }
  return undefined;
}

// The body of the C2SP tlog-checkpoint / tlog-cosignature examples.
const specBody = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const specCosignature =
  '\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';

const origin = 'sightline.example/DE';
const logKey = generateKeyPair();
const witnessFr = generateKeyPair();
const witnessNl = generateKeyPair();
const logSigner = ed25519NoteSigner(origin, logKey.privateKey);
const logVerifier = ed25519NoteVerifier(origin, logKey.publicKey);
const frName = 'sightline.example/FR/witness';
const nlName = 'sightline.example/NL/witness';
const frVerifier = cosignatureVerifier(frName, witnessFr.publicKey);
const nlVerifier = cosignatureVerifier(nlName, witnessNl.publicKey);

const checkpoint: Checkpoint = {
  origin,
  size: 2n ** 40n + 3n,
  rootHash: createHash('sha256').update('root').digest(),
  extensions: [],
};

describe('checkpoint body', () => {
  it('parses the C2SP example', () => {
    const parsed = parseCheckpoint(specBody);
    expect(parsed.origin).toBe('example.com/behind-the-sofa');
    expect(parsed.size).toBe(20852163n);
    expect(Buffer.from(parsed.rootHash).toString('base64')).toBe(
      'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
    );
    expect(parsed.extensions).toEqual([]);
    expect(formatCheckpoint(parsed)).toBe(specBody);
  });

  it('round-trips extension lines and sizes up to 2^64 - 1', () => {
    const withExtensions = { ...checkpoint, size: 2n ** 64n - 1n, extensions: ['ext one', 'ext two'] };
    expect(parseCheckpoint(formatCheckpoint(withExtensions))).toEqual({
      ...withExtensions,
      rootHash: Buffer.from(checkpoint.rootHash),
    });
  });

  it.each([
    ['a leading zero', specBody.replace('20852163', '020852163')],
    ['a negative size', specBody.replace('20852163', '-1')],
    ['a size past uint64', specBody.replace('20852163', (2n ** 64n).toString())],
    ['a short root hash', specBody.replace('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'AAAA')],
    ['an unpadded root hash', specBody.replace('q2I=', 'q2I')],
    ['an empty extension line', `${specBody}\n`],
    ['two lines', 'example.com/log\n1\n'],
    ['an empty origin', specBody.replace('example.com/behind-the-sofa', '')],
    ['no final newline', specBody.slice(0, -1)],
    ['a control character', specBody.replace('sofa', 'so\tfa')],
  ])('rejects %s', (_name, text) => {
    expect(errorCode(() => parseCheckpoint(text))).toBe('malformed_checkpoint');
  });
});

describe('signed checkpoints', () => {
  it('are signed by the log key and verify', () => {
    const note = signCheckpoint(checkpoint, logSigner);
    const verified = verifyCheckpoint(note, { logKey: logVerifier });
    expect(verified.checkpoint).toEqual({ ...checkpoint, rootHash: Buffer.from(checkpoint.rootHash) });
    expect(verified.text).toBe(formatCheckpoint(checkpoint));
    expect(verified.cosignatures).toEqual([]);
    expect(
      verifyCheckpoint(note, { logKey: parseNoteVerifierKey(noteVerifierKey(origin, logKey.publicKey)) })
        .text,
    ).toBe(verified.text);
  });

  it('fail when a byte of the body changes', () => {
    const note = signCheckpoint(checkpoint, logSigner);
    const grown = note.replace(checkpoint.size.toString(), (checkpoint.size + 1n).toString());
    expect(errorCode(() => verifyCheckpoint(grown, { logKey: logVerifier }))).toBe('invalid_note_signature');
  });

  it('need the log key name to equal the origin', () => {
    expect(
      errorCode(() => signCheckpoint(checkpoint, ed25519NoteSigner('other.example/log', logKey.privateKey))),
    ).toBe('invalid_key');
    const otherOrigin = signNote(formatCheckpoint({ ...checkpoint, origin: 'sightline.example/FR' }), [
      logSigner,
    ]);
    expect(errorCode(() => verifyCheckpoint(otherOrigin, { logKey: logVerifier }))).toBe('origin_mismatch');
  });

  it('are refused when only a witness (not the log) signed', () => {
    const note = signCheckpoint(checkpoint, ed25519NoteSigner(origin, generateKeyPair().privateKey));
    const body = splitNote(note).text;
    const cosigned = note + cosignCheckpoint(body, { name: frName, privateKey: witnessFr.privateKey });
    expect(
      errorCode(() => verifyCheckpoint(cosigned, { logKey: logVerifier, witnesses: [frVerifier] })),
    ).toBe('missing_log_signature');
  });
});

describe('cosignatures (tlog-cosignature v1)', () => {
  const note = signCheckpoint(checkpoint, logSigner);
  const body = formatCheckpoint(checkpoint);

  it('lay out key ID, big-endian timestamp and signature as in the spec example', () => {
    const [signature] = splitNote(`${specBody}\n${specCosignature}`).signatures;
    expect(signature?.keyId).toBe(0x8d66cf3f);
    expect(cosignatureTime(signature?.signature as Uint8Array)).toBe(1679315147n);
  });

  it('sign "cosignature/v1\\ntime <t>\\n" + body with a type 0x04 key ID', () => {
    const line = cosignCheckpoint(body, { name: frName, privateKey: witnessFr.privateKey }, 1679315147);
    const [signature] = splitNote(`${body}\n${line}`).signatures;
    const raw = rawEd25519PublicKey(witnessFr.publicKey);
    const expectedId = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${frName}\n`), Buffer.of(0x04), raw]))
      .digest()
      .readUInt32BE(0);
    expect(signature?.keyId).toBe(expectedId);
    const bytes = Buffer.from(signature?.signature as Uint8Array);
    expect(bytes.readBigUInt64BE(0)).toBe(1679315147n);
    const message = Buffer.from(`cosignature/v1\ntime 1679315147\n${body}`);
    expect(verify(null, message, witnessFr.publicKey, bytes.subarray(8))).toBe(true);
  });

  it('verify against a quorum and report each witness time', () => {
    const cosigned =
      note +
      cosignCheckpoint(body, { name: frName, privateKey: witnessFr.privateKey }, 1_800_000_000n) +
      cosignCheckpoint(body, { name: nlName, privateKey: witnessNl.privateKey }, 1_800_000_001n);
    const verified = verifyCheckpoint(cosigned, { logKey: logVerifier, witnesses: [frVerifier, nlVerifier] });
    expect(verified.cosignatures).toEqual([
      { name: frName, keyId: frVerifier.keyId, time: 1_800_000_000n },
      { name: nlName, keyId: nlVerifier.keyId, time: 1_800_000_001n },
    ]);
    const vkey = noteVerifierKey(nlName, witnessNl.publicKey, NOTE_KEY_TYPE.cosignatureV1);
    const fromVkey = parseNoteVerifierKey(vkey);
    expect(fromVkey.type).toBe(NOTE_KEY_TYPE.cosignatureV1);
    expect(
      verifyCheckpoint(cosigned, { logKey: logVerifier, witnesses: [fromVkey] }).cosignatures,
    ).toHaveLength(1);
    const logVkey = noteVerifierKey(origin, logKey.publicKey);
    expect(verifyCheckpoint(cosigned, { logKey: logVkey, witnesses: [vkey] }).cosignatures).toHaveLength(1);
  });

  it('count only witnesses that cosigned, and require all of them by default', () => {
    const cosigned = note + cosignCheckpoint(body, { name: frName, privateKey: witnessFr.privateKey });
    const witnesses = [frVerifier, nlVerifier];
    expect(errorCode(() => verifyCheckpoint(cosigned, { logKey: logVerifier, witnesses }))).toBe(
      'insufficient_witnesses',
    );
    expect(
      verifyCheckpoint(cosigned, { logKey: logVerifier, witnesses, requiredWitnesses: 1 }).cosignatures,
    ).toHaveLength(1);
    expect(
      errorCode(() => verifyCheckpoint(cosigned, { logKey: logVerifier, witnesses, requiredWitnesses: 3 })),
    ).toBe('invalid_key');
  });

  it('reject a cosignature over another checkpoint or with a changed timestamp', () => {
    const otherBody = formatCheckpoint({ ...checkpoint, size: checkpoint.size + 1n });
    const stale = note + cosignCheckpoint(otherBody, { name: frName, privateKey: witnessFr.privateKey });
    expect(errorCode(() => verifyCheckpoint(stale, { logKey: logVerifier, witnesses: [frVerifier] }))).toBe(
      'invalid_note_signature',
    );
    const line = cosignCheckpoint(body, { name: frName, privateKey: witnessFr.privateKey }, 1_800_000_000n);
    const [signature] = splitNote(`${body}\n${line}`).signatures;
    const shifted = Buffer.from(signature?.signature as Uint8Array);
    shifted.writeBigUInt64BE(1_800_000_001n, 0);
    const payload = Buffer.concat([
      Buffer.from(line.split(' ')[2] as string, 'base64').subarray(0, 4),
      shifted,
    ]);
    const moved = `${note}\u2014 ${frName} ${payload.toString('base64')}\n`;
    expect(errorCode(() => verifyCheckpoint(moved, { logKey: logVerifier, witnesses: [frVerifier] }))).toBe(
      'invalid_note_signature',
    );
  });

  it('refuse to cosign a body that is not a checkpoint, or with a log-type verifier as witness', () => {
    expect(
      errorCode(() =>
        cosignCheckpoint('not a checkpoint\n', { name: frName, privateKey: witnessFr.privateKey }),
      ),
    ).toBe('malformed_checkpoint');
    expect(
      errorCode(() => cosignCheckpoint(body, { name: frName, privateKey: witnessFr.privateKey }, -1)),
    ).toBe('invalid_time');
    const asLogKey = ed25519NoteVerifier(frName, witnessFr.publicKey);
    expect(errorCode(() => verifyCheckpoint(note, { logKey: logVerifier, witnesses: [asLogKey] }))).toBe(
      'invalid_key',
    );
  });
});
