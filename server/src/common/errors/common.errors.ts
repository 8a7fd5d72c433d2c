import { invalidField } from './invalid-field';

/** Errors every feature may answer; a feature's own live in its `*.errors.ts`. */
export const rangeReversed = () => invalidField('from', 'must not be after to');
