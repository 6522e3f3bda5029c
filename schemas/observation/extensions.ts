import { isMemberId } from '../common.js';

const extensionKeyForm = /^x-([A-Z]{2})$/;

/** True for a top-level extension key `x-<memberId>`, e.g. `x-DE`. */
export function isExtensionKey(key: string): boolean {
  const match = extensionKeyForm.exec(key);
  return match?.[1] !== undefined && isMemberId(match[1]);
}
