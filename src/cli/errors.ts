export { UserError } from '../analysis/errors.js';
