/**
 * asrel library API: the same stages the CLI uses, as typed functions.
 * See README.md, "Library".
 */
export type * from './rpsl/types.js';
export type * from '../grammar/ast.js';
export type * from './policy/types.js';
export type * from './store/types.js';
export type * from './infer/types.js';
export type * from './graph/types.js';
