/**
 * AS numbers and object keys. The grammar owns their normalisation (grammar/names.ts), so
 * that policies and objects spell names one way; re-exported here for the other stages.
 */
export { AS_TRANS, asnProblem, MAX_ASN, normaliseKey, parseAsn, reservedAsnReason, setName, type ParsedAsn } from '../../grammar/names.js';
