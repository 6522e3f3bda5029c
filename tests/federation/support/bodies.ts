import type { Tlp } from '../../../schemas/observation/tlp.js';

/**
 * A small valid observation body with the given label (AMBER labels need recipients). Small on purpose:
 * about 1 KB signed, so an inbox batch of 200 stays under the node's 256 KB body limit.
 */
export function observationBody(tlp: Tlp, recipients?: readonly string[], summary = `test ${tlp}`) {
  return {
    measureRefs: [
      {
        measureKey: 'PROV-CN-END-USER-LIST',
        keyType: 'provisional',
        title: 'Non-public list of restricted end-users',
        issuingAuthorities: ['MOFCOM'],
        implementingJurisdiction: 'CN',
        instrument: 'end_user_list',
        legalBasis: [],
        status: 'in_force',
      },
    ],
    observation: { kind: 'measure_in_force', summary },
    items: [],
    affectedJurisdictions: [],
    dates: {},
    confidence: 'medium',
    tlp,
    ...(recipients ? { recipients: [...recipients] } : {}),
    evidence: [{ sourceType: 'analytic_report', title: 'federation test', retrievable: false }],
  };
}
