import type { ProvenanceBundle } from '../../../schemas/api/provenance.js';
import { verifyProvenance } from '../../../sdk/log/index.js';
import { type Command, UsageError } from '../args.js';
import { nodeApi, nodeOptions, nodeUsage } from '../node-api.js';
import { auditFederation } from './audit-federation.js';

const usage = `Usage:
  sightline audit MEMBER         check MEMBER's current checkpoint against every checkpoint of it this node witnessed
  sightline audit --record ID    fetch the record's provenance bundle and verify it step by step with the SDK

The record audit verifies offline, against the keys this node has pinned for the members and the key
revocations those members signed; the node's answers are not trusted beyond that. Exits 1 when the verdict is not clean.

${nodeUsage}`;

type Peer = {
  id: string;
  keys: Record<'record' | 'log' | 'witness' | 'peer', string[]>;
  formerKeys?: { record: string[] };
};

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
    keys: unknown[];
    announcements?: string[];
  };
  const federation = await auditFederation(self, peers, jwks, announcements);
  const verdict = verifyProvenance(bundle, {
    recordKeys: federation.records.resolve,
    logKeys: (member) => federation.log.keysOf(member),
  });
  for (const step of verdict.steps)
    process.stdout.write(`${step.ok ? 'ok  ' : 'FAIL'}  ${step.step}: ${step.detail}\n`);
  for (const note of bundle.notes ?? []) process.stdout.write(`note  ${note}\n`);
  process.stdout.write(`${verdict.ok ? 'verified' : 'NOT verified'}: record ${id}\n`);
  return verdict.ok ? 0 : 1;
}
