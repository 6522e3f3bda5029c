/**
 * C2SP names of a member's log and witness keys. The checkpoint origin is the log key's name:
 * `<member, lower case>.sightline/log`; cosignatures are signed as `<member>.sightline/witness`.
 *
 * @example
 * logOrigin('DE'); // 'de.sightline/log'
 */
export const logOrigin = (member: string): string => `${member.toLowerCase()}.sightline/log`;

/** @example witnessKeyName('FR'); // 'fr.sightline/witness' */
export const witnessKeyName = (member: string): string => `${member.toLowerCase()}.sightline/witness`;
