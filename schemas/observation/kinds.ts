import { z } from '../zod.js';

export const observationKindSchema = z
  .enum([
    'announcement',
    'proposal',
    'proposal_withdrawn',
    'measure_in_force',
    'amendment',
    'revocation',
    'license_granted',
    'license_denied',
    'license_delayed',
    'license_conditioned',
    'export_volume_change',
    'enforcement_action',
    'other',
  ])
  .openapi('ObservationKind');
export type ObservationKind = z.infer<typeof observationKindSchema>;
