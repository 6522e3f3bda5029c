import { z } from '../zod.js';

/** A non-empty string capped at `max` characters: every free-text field is bounded so a record stays small. */
export const boundedText = (max: number) => z.string().min(1).max(max);
