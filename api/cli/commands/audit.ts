import type { ProvenanceBundle } from '../../../schemas/api/provenance.js';
import {
  announcedRevocations,
  importPublicJwk,
  KEY_ROLES,
  type KeyPin,
  type KeyRole,
  PinnedKeySet,
  type PublicJwk,
} from '../../../sdk/keys/index.js';
import { verifyProvenance } from '../../../sdk/log/index.js';
import { type Command, UsageError } from '../args.js';
import { nodeApi, nodeOptions, nodeUsage } from '../node-api.js';

const usage = `Usage:
  sightline audit MEMBER         check MEMBER's current checkpoint against every checkpoint of it this node witnessed
  sightline audit --record ID    fetch the record's provenance bundle and verify it step by step with the SDK

The record audit verifies offline, against the keys this node has pinned for the members and the key
revocations those members signed; the node's answers are not trusted beyond that. Exits 1 when the verdict is not clean.

${nodeUsage}`;

type Peer = { id: string; keys: Record<'record' | 'log' | 'witness' | 'peer', string[]> };

export const audit: Command = {
  name: 'audit',
  summary: 'audit a peer’s log or a record’s provenance (talks to a running node)',
  usage,
  options: { record: { type: 'string' }, ...nodeOptions },
  async run(values, [member]) {
    const call = nodeApi(values);
    if (typeof values.record === 'string') return auditRecord(call, values.record);
    if (!member) throw new UsageError(`which member?\n\n${usage}`);
    const result = (await (
      await call('POST', `/v1/peers/${encodeURIComponent(member)}/audit`)
    ).json()) as Record<string, unknown>;
    process.stdout.write(
      `${member}: ${result.verdict}${result.detail ? ` (${result.detail})` : ''}; ${result.checkpointsWitnessed} checkpoints witnessed, largest size ${result.largestWitnessedSize}; ${result.evidence} fork evidence\n`,
    );
    return result.verdict === 'forked' || result.verdict === 'unreachable' ? 1 : 0;
  },
};

async function auditRecord(call: ReturnType<typeof nodeApi>, id: string): Promise<number> {
  const bundle = (await (
    await call('GET', `/v1/observations/${encodeURIComponent(id)}/provenance`)
  ).json()) as ProvenanceBundle;
  const self = (await (await call('GET', '/.well-known/sightline')).json()) as Peer;
  const { peers } = (await (await call('GET', '/v1/peers')).json()) as { peers: Peer[] };
  const { keys: jwks, announcements = [] } = (await (await call('GET', '/fed/v1/keys')).json()) as {
    keys: PublicJwk[];
    announcements?: string[];
  };
  const pins = [self, ...peers];
  const keysOf = (role: KeyRole) =>
    pins.flatMap((p) =>
      jwks.filter((k) => p.keys[role].includes(k.kid)).map((jwk) => ({ member: p.id, role, jwk })),
    );
  // A revocation counts only as its member signed it, checked against the pins (not as the node reports it).
  const pinned = new Map<string, KeyPin>(
    KEY_ROLES.flatMap(keysOf).map(({ member, role, jwk }) => [
      jwk.kid,
      { member, role, publicKey: importPublicJwk(jwk) },
    ]),
  );
  const { revocations } = await announcedRevocations(pinned, announcements);
  const revokedSince = new Map(revocations.map(({ kid, since }) => [kid, since]));
  const recordKeys = keysOf('record').map(({ member, jwk }) => {
    const since = revokedSince.get(jwk.kid);
    return since === undefined ? { member, jwk } : { member, jwk, revokedSince: since };
  });
  const logKeys = keysOf('log');
  const verdict = verifyProvenance(bundle, {
    recordKeys: PinnedKeySet.fromKeys(recordKeys).resolve,
    // A revoked log key vouches for no checkpoint: its holder could sign one of a backdated log.
    logKeys: (m) =>
      logKeys
        .filter((k) => k.member === m && !revokedSince.has(k.jwk.kid))
        .map((k) => importPublicJwk(k.jwk)),
  });
  for (const step of verdict.steps)
    process.stdout.write(`${step.ok ? 'ok  ' : 'FAIL'}  ${step.step}: ${step.detail}\n`);
  for (const note of bundle.notes ?? []) process.stdout.write(`note  ${note}\n`);
  process.stdout.write(`${verdict.ok ? 'verified' : 'NOT verified'}: record ${id}\n`);
  return verdict.ok ? 0 : 1;
}
