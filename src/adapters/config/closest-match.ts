// Moved to core so the load stage can guess column names too.
export { closestMatch } from '../../core/text/closest-match.js';
