/**
 * How names and addresses are compared for the buying household (R6): full-
 * width to half-width, no spaces or punctuation, lower case. '云南省 昆明市五华区
 * 某某路１２号' and '云南省昆明市五华区某某路12号' are the same address.
 */
export function normaliseText(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}
