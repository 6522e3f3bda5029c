import { z } from '../zod.js';

export const instrumentSchema = z
  .enum([
    'dual_use_export_control',
    'technology_export_catalogue',
    'ip_transfer_security_review',
    'end_user_list',
    'data_localization',
    'talent_mobility_restriction',
    'informal_embargo',
    'export_ban_goods',
    'export_quota',
    'export_tax',
    'export_reporting_requirement',
    'investment_control',
    'other',
  ])
  .openapi('Instrument');
export type Instrument = z.infer<typeof instrumentSchema>;

export const measureStatusSchema = z
  .enum(['proposed', 'in_force', 'unofficial', 'suspended', 'withdrawn', 'revoked', 'expired', 'unknown'])
  .openapi('MeasureStatus');

export const measurePatternSchema = z
  .enum([
    'discriminatory_licensing',
    'unannounced_change',
    'destination_specific',
    'licensing_delay',
    'retaliatory',
  ])
  .openapi('MeasurePattern');

/** Legal basis token, e.g. CN_EXPORT_CONTROL_LAW; UNKNOWN and NONE_PUBLISHED say so explicitly. */
export const legalBasisSchema = z
  .string()
  .regex(
    /^[A-Z][A-Z0-9_]{1,63}$/,
    'legal basis must be an UPPER_SNAKE_CASE token, e.g. CN_EXPORT_CONTROL_LAW',
  );
