import type { Holdings } from './holdings.js';
import { alignColumns } from './table.js';

const labels = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const shortLabel = (tlp: string) => tlp.replace('TLP:', '');
const countOrDash = (n: number) => (n ? String(n) : '-');

/** Per member: how many records it holds, by author and by label. */
export function holdingsTable(holdings: readonly Holdings[], authors: readonly string[]): string[] {
  const used = labels.filter((tlp) => holdings.some((h) => h.held.some((r) => r.tlp === tlp)));
  const header = ['member', 'holds', ...authors.map((a) => `from ${a}`), ...used.map(shortLabel)];
  const rows = holdings.map(({ member, held }) => [
    member,
    String(held.length),
    ...authors.map((a) => countOrDash(held.filter((r) => r.author === a).length)),
    ...used.map((tlp) => countOrDash(held.filter((r) => r.tlp === tlp).length)),
  ]);
  return alignColumns([header, ...rows]);
}

/** Per member: what it did not receive, grouped by author and reason, naming the measures. */
export function absenceLines(holdings: readonly Holdings[]): string[] {
  const lines: string[] = [];
  for (const { member, missing, unexpected } of holdings) {
    const groups = new Map<string, { author: string; why: string; count: number; keys: Set<string> }>();
    for (const { record, why = 'entitled, not synced yet' } of missing) {
      const key = `${record.author} ${why}`;
      const group = groups.get(key) ?? { author: record.author, why, count: 0, keys: new Set<string>() };
      group.count++;
      for (const measureKey of record.measureKeys) group.keys.add(measureKey);
      groups.set(key, group);
    }
    const entries = [...groups.values()].map(
      (g) => `${g.count} from ${g.author}  ${g.why.padEnd(20)}  ${[...g.keys].join(', ')}`,
    );
    for (const r of unexpected)
      entries.push(`LEAK: holds ${r.author}'s ${r.tlp} record ${r.id.slice(0, 12)}`);
    if (entries.length === 0) entries.push('nothing: it holds every record of the federation');
    for (const [i, entry] of entries.entries())
      lines.push(`  ${i === 0 ? member : ''.padEnd(member.length)}  ${entry}`);
  }
  return lines;
}
