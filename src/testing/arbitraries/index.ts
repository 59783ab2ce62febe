/**
 * fast-check arbitraries producing random, well-formed Rust text for the rustabi-vs-rustc property tests.
 */
export { CHOICE_MAX, Choices, DEFAULT_CHOICE_LENGTH, arbFromChoices } from './choices.js';
export {
  INT_TYPES,
  PRIMITIVE_TYPES,
  SIMD_ELEMENT_TYPES,
  arbPrimitiveType,
  arbSimdElementType,
  arbTaggedTypeExpr,
  arbTypeExpr,
  genPointee,
  genPreludeTypeExpr,
  genPrimitive,
  genType,
  genUnionFieldType,
  genZst,
  genOneZst,
  instantiate,
  preludeCtx,
} from './types.js';
export type { GenTy, ItemRef, ParamSpec, SelfRef, TraitSlot, TypeCtx, TyFlags, TypeExprOptions } from './types.js';
export {
  RUSTC_RULES,
  arbRepr,
  arbRustCase,
  arbWeightedPrimitive,
  discrRange,
  genEnumRepr,
  genRustCase,
  genStructRepr,
  genUnionRepr,
  renameCase,
  reprAttr,
} from './defs.js';
export type { Repr, RustCase, RustCaseOptions } from './defs.js';
