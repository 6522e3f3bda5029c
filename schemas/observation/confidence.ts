import { z } from '../zod.js';

/** `confirmed` needs an official or statistical source among the evidence. */
export const confidenceSchema = z.enum(['confirmed', 'high', 'medium', 'low']).openapi('Confidence');
export type Confidence = z.infer<typeof confidenceSchema>;
