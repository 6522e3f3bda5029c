/**
 * C2SP names of this federation's logs and witnesses; one definition, in the SDK, so offline verifiers use
 * the same. Why `<member>.sightline/log`: an origin must be unique per log and stable for its life, and the
 * log key's name must equal it. A member runs exactly one node, so its id is that name; the node's host is
 * not stable (ports, moves, several API processes, 127.0.0.1 in tests). The form is schema-less and
 * URL-like as C2SP asks, under a `sightline` namespace so a witness that also follows other logs cannot
 * confuse them; lower case because hosts are case-insensitive (member ids are upper case, so one-to-one).
 */
export { logOrigin, witnessKeyName } from '../../sdk/log/index.js';
