import type { z } from 'zod';
import type { createdRecordSchema, RecordView } from '../../../schemas/api/observations.js';

export type { RecordView };
export type CreatedRecord = z.infer<typeof createdRecordSchema>;

/** A page of GET /v1/observations. */
export interface RecordPage {
  items: RecordView[];
  next: string | null;
}
