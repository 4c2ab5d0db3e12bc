import { PageQuery } from '#app/platform';

/** A page of a file's candidates, open ones first, the best first. */
export class CandidatesQuery extends PageQuery {}
