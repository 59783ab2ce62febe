/**
 * Which prelude item a type is (std and kernel types whose values and Debug output are special), and
 * `core::any::type_name` of a type as rustc 1.95's std spells it (PhantomData and MaybeUninit print it).
 */
import type { Ty } from '../model/ty.js';

/** The prelude item name of `ty` (`Option`, `NonZero`, `KernelBox`, `Error`), or null for user and built-in types. */
export function preludeName(ty: Ty): string | null {
  return ty.kind === 'adt' && ty.def.origin === 'prelude' ? ty.def.name : null;
}

/** The prelude's item name → the path `type_name` prints (where std keeps it, not where it re-exports it). */
const STD_PATHS: Readonly<Record<string, string>> = {
  Option: 'core::option::Option',
  Result: 'core::result::Result',
  Ordering: 'core::cmp::Ordering',
  NonZero: 'core::num::nonzero::NonZero',
  NonNull: 'core::ptr::non_null::NonNull',
  Unique: 'core::ptr::unique::Unique',
  Global: 'alloc::alloc::Global',
  Box: 'alloc::boxed::Box',
  Vec: 'alloc::vec::Vec',
  String: 'alloc::string::String',
  RawVec: 'alloc::raw_vec::RawVec',
  RawVecInner: 'alloc::raw_vec::RawVecInner',
  UnsafeCell: 'core::cell::UnsafeCell',
  Cell: 'core::cell::Cell',
  RefCell: 'core::cell::RefCell',
  ManuallyDrop: 'core::mem::manually_drop::ManuallyDrop',
  MaybeUninit: 'core::mem::maybe_uninit::MaybeUninit',
  Rc: 'alloc::rc::Rc',
  RcInner: 'alloc::rc::RcInner',
  Arc: 'alloc::sync::Arc',
  ArcInner: 'alloc::sync::ArcInner',
  AtomicUsize: 'core::sync::atomic::AtomicUsize',
  Duration: 'core::time::Duration',
  PhantomData: 'core::marker::PhantomData',
  c_void: 'core::ffi::c_void',
  Error: 'kernel::error::Error',
  KernelBox: 'kernel::alloc::kbox::Box',
  KernelVec: 'kernel::alloc::kvec::Vec',
  ArrayLayout: 'kernel::alloc::layout::ArrayLayout',
  Kmalloc: 'kernel::alloc::allocator::Kmalloc',
  Vmalloc: 'kernel::alloc::allocator::Vmalloc',
  KVmalloc: 'kernel::alloc::allocator::KVmalloc',
};

export interface TypeNameOptions {
  /** The crate user definitions live in: `type_name` prints `mycrate::S` (default: no prefix). */
  readonly crateName?: string;
}

/** `core::any::type_name::<T>()` as rustc 1.95 prints it (`core::option::Option<alloc::string::String>`, `&[u8]`). */
export function typeName(ty: Ty, opts: TypeNameOptions = {}): string {
  const n = (t: Ty): string => typeName(t, opts);
  switch (ty.kind) {
    case 'int': return (ty.signed ? 'i' : 'u') + (ty.int === 'size' ? 'size' : ty.int.slice(1));
    case 'float': return 'f' + ty.float.slice(1);
    case 'bool': case 'char': case 'str': return ty.kind;
    case 'never': return '!';
    case 'tuple': return ty.elems.length === 1 ? `(${n(ty.elems[0] as Ty)},)` : `(${ty.elems.map(n).join(', ')})`;
    case 'array': return `[${n(ty.elem)}; ${ty.len}]`;
    case 'slice': return `[${n(ty.elem)}]`;
    case 'ref': return `&${ty.mutable ? 'mut ' : ''}${n(ty.pointee)}`;
    case 'ptr': return `*${ty.mutable ? 'mut' : 'const'} ${n(ty.pointee)}`;
    case 'fnptr': return ty.text;
    case 'dyn': return `dyn ${ty.traits.join(' + ')}`;
    case 'foreign': return ty.name;
    case 'adt': {
      const def = ty.def;
      const base = def.origin === 'prelude'
        ? (STD_PATHS[def.name] ?? def.path)
        : (opts.crateName !== undefined && opts.crateName !== '' ? `${opts.crateName}::${def.name}` : def.name);
      if (ty.args.length === 0) return base;
      return `${base}<${ty.args.map((a) => ('kind' in a && a.kind === 'const' ? a.value.toString() : n(a as Ty))).join(', ')}>`;
    }
  }
}
