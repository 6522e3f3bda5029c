import type { ObservationBody } from '../../schemas/observation/body.js';
import { generateObservationBodies } from '../support/observation-bodies.js';

/**
 * The query bench's generated bodies (mixed labels), relabelled so that the receiving member may get every
 * one: RED becomes GREEN, and AMBER records name the receiver among their recipients. B then has to pull
 * all of A's log, as in "B pulls everything".
 */
export function bodiesForReceiver(count: number, seed: number, receiver: string): ObservationBody[] {
  return generateObservationBodies(count, seed).map((body) => {
    if (body.tlp === 'TLP:RED') {
      const { recipients: _none, ...rest } = body;
      return { ...rest, tlp: 'TLP:GREEN' };
    }
    if (body.recipients && !body.recipients.includes(receiver))
      return { ...body, recipients: [...body.recipients, receiver] };
    return body;
  });
}
