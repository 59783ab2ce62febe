/**
 * src/layout — the pure layout solver: resolved types + a target's data layout → rustc 1.95 layouts.
 * Imports only src/model and src/internal. Entry points: `LayoutCx` and `layoutOf`.
 */
export { LayoutCx, layoutOf, pointerMetadata } from './compute.js';
export { layoutToJson, scalarJson, primJson } from './json.js';
export { reserveNiche } from './niche.js';
export type { Reserved } from './niche.js';
export { nicheAvailable, primSize, primAlign, primBits, integerOf } from './primitives.js';
export { discriminants, discrType } from './adt.js';
export { fieldsOf } from './fields.js';
export type { FieldOf, TyAndLayout } from './fields.js';
