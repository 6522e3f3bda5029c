import type { Tlp } from '../../../schemas/observation/tlp.js';

/** A record as its author created it: what the tests know independently of any node. */
export interface AuthoredRecord {
  id: string;
  jws: string;
  author: string;
  tlp: Tlp;
  recipients?: readonly string[];
}

/** Who pulls from whom: an undirected graph of members that pin each other with URLs. */
export type Topology = ReadonlyMap<string, ReadonlySet<string>>;

/** A topology where every member peers with every other. */
export function fullMesh(members: readonly string[]): Topology {
  return new Map(members.map((m) => [m, new Set(members.filter((o) => o !== m))]));
}

/**
 * The members whose nodes must hold `record` once sync settles, and no others (DESIGN.md protocol 7):
 * RED stays with its author; AMBER goes to the named recipients that pull from the author directly, never
 * through a relay; CLEAR and GREEN reach every member connected to the author, relayed hop by hop.
 */
export function entitledHolders(record: AuthoredRecord, topology: Topology): Set<string> {
  const holders = new Set([record.author]);
  const neighbours = topology.get(record.author) ?? new Set<string>();
  switch (record.tlp) {
    case 'TLP:RED':
      return holders;
    case 'TLP:AMBER':
    case 'TLP:AMBER+STRICT':
      for (const member of record.recipients ?? []) if (neighbours.has(member)) holders.add(member);
      return holders;
    case 'TLP:CLEAR':
    case 'TLP:GREEN':
      for (const queue = [record.author]; queue.length > 0; ) {
        for (const next of topology.get(queue.pop() as string) ?? []) {
          if (!holders.has(next)) {
            holders.add(next);
            queue.push(next);
          }
        }
      }
      return holders;
  }
}

/** For each member, the ids of the records it must hold. */
export function expectedHoldings(
  records: readonly AuthoredRecord[],
  topology: Topology,
): Map<string, Set<string>> {
  const expected = new Map([...topology.keys()].map((m) => [m, new Set<string>()]));
  for (const record of records) {
    for (const member of entitledHolders(record, topology)) expected.get(member)?.add(record.id);
  }
  return expected;
}
