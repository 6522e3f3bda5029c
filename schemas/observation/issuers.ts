import { z } from '../zod.js';

/**
 * Controlled list of issuing authorities, the tokens of official measure keys.
 * COSTIND is the pre-2008 predecessor of SASTIND, still cited by older announcements.
 */
export const issuingAuthorities = [
  'MOFCOM', // Ministry of Commerce
  'GAC', // General Administration of Customs
  'MOST', // Ministry of Science and Technology
  'SASTIND', // State Administration for Science, Technology and Industry for National Defence
  'COSTIND', // Commission for Science, Technology and Industry for National Defence
  'CMCEDD', // Central Military Commission Equipment Development Department
  'SC', // State Council
  'GOSC', // General Office of the State Council
  'NPC', // National People's Congress
  'NPCSC', // NPC Standing Committee
  'CAC', // Cyberspace Administration of China
  'MIIT', // Ministry of Industry and Information Technology
  'NDRC', // National Development and Reform Commission
  'CNIPA', // China National Intellectual Property Administration
  'SAMR', // State Administration for Market Regulation
  'MSS', // Ministry of State Security
  'MPS', // Ministry of Public Security
  'MFA', // Ministry of Foreign Affairs
  'MOF', // Ministry of Finance
  'SCTC', // State Council Tariff Commission
  'MNR', // Ministry of Natural Resources
  'CAEA', // China Atomic Energy Authority
] as const;

export const issuingAuthoritySchema = z.enum(issuingAuthorities).openapi('IssuingAuthority');
export type IssuingAuthority = z.infer<typeof issuingAuthoritySchema>;

const issuerSet: ReadonlySet<string> = new Set(issuingAuthorities);

/** True when `token` is on the controlled issuer list. */
export const isIssuingAuthority = (token: string): token is IssuingAuthority => issuerSet.has(token);
