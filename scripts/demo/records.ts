import type { RecordView } from '../../schemas/api/observations.js';
import { getJson, type NodeApi } from './http.js';

/** What the demo needs of a record a node holds. */
export interface HeldRecord {
  id: string;
  author: string;
  tlp: string;
  recipients: string[];
  summary: string;
  measureKeys: string[];
}

function held(view: RecordView): HeldRecord {
  const record = view.record as Partial<{
    tlp: string;
    recipients: string[];
    observation: { summary: string };
    measureRefs: { measureKey: string }[];
  }>;
  return {
    id: view.id,
    author: view.author,
    tlp: record.tlp ?? '?',
    recipients: record.recipients ?? [],
    summary: record.observation?.summary ?? '',
    measureKeys: record.measureRefs?.map((m) => m.measureKey) ?? [],
  };
}

/** Every observation the node holds (all pages of GET /v1/observations), optionally by one author. */
export async function listHeld(node: NodeApi, author?: string): Promise<HeldRecord[]> {
  const all: HeldRecord[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ type: 'observation', limit: '500' });
    if (author) query.set('author', author);
    if (cursor) query.set('cursor', cursor);
    const page: { items: RecordView[]; next: string | null } = await getJson(
      node,
      `/v1/observations?${query}`,
    );
    all.push(...page.items.map(held));
    cursor = page.next;
  } while (cursor);
  return all;
}
