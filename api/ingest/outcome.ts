/** What happened to one record offered to the node: never a silent success. */
export type IngestOutcome =
  | { status: 'accepted'; id: string; seq: number }
  | { status: 'duplicate'; id: string }
  | { status: 'rejected'; id?: string; code: string; reason: string };
