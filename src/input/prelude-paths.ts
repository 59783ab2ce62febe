/**
 * Full paths users write for prelude items (`core::num::NonZeroU32`, `kernel::error::Error`), mapped to
 * the item names in src/prelude/core.rs.ts. `std::` and `alloc::` are tried as `core::` too.
 */
const CORE: readonly (readonly [string, string])[] = [
  ['option::Option', 'Option'], ['result::Result', 'Result'], ['cmp::Ordering', 'Ordering'],
  ['num::NonZero', 'NonZero'], ['marker::PhantomData', 'PhantomData'], ['ptr::NonNull', 'NonNull'],
  ['boxed::Box', 'Box'], ['vec::Vec', 'Vec'], ['string::String', 'String'],
  ['cell::UnsafeCell', 'UnsafeCell'], ['cell::Cell', 'Cell'], ['cell::RefCell', 'RefCell'],
  ['mem::ManuallyDrop', 'ManuallyDrop'], ['mem::MaybeUninit', 'MaybeUninit'],
  ['rc::Rc', 'Rc'], ['sync::Arc', 'Arc'], ['time::Duration', 'Duration'],
  ['sync::atomic::AtomicUsize', 'AtomicUsize'],
];
const NONZERO = ['U8', 'U16', 'U32', 'U64', 'U128', 'Usize', 'I8', 'I16', 'I32', 'I64', 'I128', 'Isize'];
const C_TYPES = ['c_char', 'c_schar', 'c_uchar', 'c_short', 'c_ushort', 'c_int', 'c_uint', 'c_long', 'c_ulong', 'c_longlong', 'c_ulonglong', 'c_float', 'c_double', 'c_void'];

function build(): Map<string, string> {
  const m = new Map<string, string>();
  for (const [p, n] of CORE) m.set(`core::${p}`, n);
  for (const s of NONZERO) m.set(`core::num::NonZero${s}`, `NonZero${s}`);
  for (const c of C_TYPES) {
    m.set(`core::ffi::${c}`, c);
    m.set(`core::os::raw::${c}`, c);
    m.set(`kernel::ffi::${c}`, c === 'c_char' ? 'kernel_c_char' : c);
  }
  for (const mod of ['error', 'prelude']) {
    m.set(`kernel::${mod}::Error`, 'Error');
    m.set(`kernel::${mod}::Result`, 'KernelResult');
  }
  for (const mod of ['alloc', 'prelude', 'alloc::kbox', 'alloc::kvec']) {
    for (const n of ['KBox', 'VBox', 'KVBox', 'KVec', 'VVec', 'KVVec']) m.set(`kernel::${mod}::${n}`, n);
  }
  m.set('kernel::alloc::Box', 'KernelBox');
  m.set('kernel::alloc::Vec', 'KernelVec');
  m.set('kernel::alloc::kbox::Box', 'KernelBox');
  m.set('kernel::alloc::kvec::Vec', 'KernelVec');
  m.set('kernel::alloc::allocator::Kmalloc', 'Kmalloc');
  m.set('kernel::alloc::allocator::Vmalloc', 'Vmalloc');
  m.set('kernel::alloc::allocator::KVmalloc', 'KVmalloc');
  return m;
}

const PATHS = build();

/** The prelude item a full path names, or undefined. */
export function preludePath(segments: readonly string[]): string | undefined {
  const full = segments.join('::');
  const direct = PATHS.get(full);
  if (direct !== undefined) return direct;
  if (segments[0] === 'std' || segments[0] === 'alloc') return PATHS.get(['core', ...segments.slice(1)].join('::'));
  return undefined;
}

/** Names whose meaning depends on how many generic arguments are written (`Result<T>` is the kernel's). */
export const ARITY_OVERLOADS: Readonly<Record<string, readonly string[]>> = {
  Result: ['Result', 'KernelResult'],
  Box: ['Box', 'KernelBox'],
  Vec: ['Vec', 'KernelVec'],
};

/** The path users know a prelude item by, for messages and JSON. */
export function displayPathOf(name: string): string {
  for (const [p, n] of PATHS) if (n === name && (p.startsWith('core::') || p.startsWith('kernel::error') || p.startsWith('kernel::alloc::'))) return p;
  return name;
}
