/**
 * The prelude: rustc 1.95's core/alloc types and the Rust-for-Linux kernel crate's types, written as
 * `#![no_core]` Rust with exactly the fields, reprs and valid-range attributes that decide their layout.
 *
 * This one text is both what rustabi parses for its built-in names and what the rustc oracle compiles
 * (after its lang-item header), so every prelude layout is checked against rustc itself.
 * Sources: library/core and library/alloc of rustc 1.95 (see ../../docs/prelude.md), and the kernel's
 * rust/kernel/error.rs, rust/kernel/alloc/{kbox,kvec,layout}.rs.
 */
export const PRELUDE_RS: string = String.raw`
#[lang = "phantom_data"] pub struct PhantomData<T: ?Sized>;
pub enum Option<T> { None, Some(T) }
pub enum Result<T, E> { Ok(T), Err(E) }
#[repr(i8)] pub enum Ordering { Less = -1, Equal = 0, Greater = 1 }

#[rustc_layout_scalar_valid_range_start(1)] #[repr(transparent)] pub struct NonZero<T>(T);
pub type NonZeroU8 = NonZero<u8>;
pub type NonZeroU16 = NonZero<u16>;
pub type NonZeroU32 = NonZero<u32>;
pub type NonZeroU64 = NonZero<u64>;
pub type NonZeroU128 = NonZero<u128>;
pub type NonZeroUsize = NonZero<usize>;
pub type NonZeroI8 = NonZero<i8>;
pub type NonZeroI16 = NonZero<i16>;
pub type NonZeroI32 = NonZero<i32>;
pub type NonZeroI64 = NonZero<i64>;
pub type NonZeroI128 = NonZero<i128>;
pub type NonZeroIsize = NonZero<isize>;

#[rustc_layout_scalar_valid_range_start(1)] #[repr(transparent)] pub struct NonNull<T: ?Sized> { pointer: *const T }
#[repr(transparent)] pub struct Unique<T: ?Sized> { pointer: NonNull<T>, _marker: PhantomData<T> }
pub struct Global;
pub struct Box<T: ?Sized>(Unique<T>, Global);

#[cfg(target_pointer_width = "64")]
#[rustc_layout_scalar_valid_range_end(0x7FFF_FFFF_FFFF_FFFF)] #[repr(transparent)] pub struct UsizeNoHighBit(usize);
#[cfg(target_pointer_width = "32")]
#[rustc_layout_scalar_valid_range_end(0x7FFF_FFFF)] #[repr(transparent)] pub struct UsizeNoHighBit(usize);
pub struct RawVecInner { ptr: Unique<u8>, cap: UsizeNoHighBit, alloc: Global }
pub struct RawVec<T> { inner: RawVecInner, _marker: PhantomData<T> }
pub struct Vec<T> { buf: RawVec<T>, len: usize }
pub struct String { vec: Vec<u8> }

#[lang = "unsafe_cell"] #[repr(transparent)] pub struct UnsafeCell<T: ?Sized> { value: T }
#[repr(transparent)] pub struct Cell<T: ?Sized> { value: UnsafeCell<T> }
pub struct RefCell<T: ?Sized> { borrow: Cell<isize>, value: UnsafeCell<T> }
#[lang = "manually_drop"] #[repr(transparent)] pub struct ManuallyDrop<T: ?Sized> { value: T }
#[lang = "maybe_uninit"] #[repr(transparent)] pub union MaybeUninit<T> { uninit: ManuallyDrop<()>, value: ManuallyDrop<T> }

#[repr(C)] pub struct RcInner<T: ?Sized> { strong: Cell<usize>, weak: Cell<usize>, value: T }
pub struct Rc<T: ?Sized> { ptr: NonNull<RcInner<T>>, phantom: PhantomData<RcInner<T>>, alloc: Global }
#[cfg(target_pointer_width = "64")] #[repr(C, align(8))] pub struct AtomicUsize { v: UnsafeCell<usize> }
#[cfg(target_pointer_width = "32")] #[repr(C, align(4))] pub struct AtomicUsize { v: UnsafeCell<usize> }
#[repr(C)] pub struct ArcInner<T: ?Sized> { strong: AtomicUsize, weak: AtomicUsize, data: T }
pub struct Arc<T: ?Sized> { ptr: NonNull<ArcInner<T>>, phantom: PhantomData<ArcInner<T>>, alloc: Global }

#[rustc_layout_scalar_valid_range_end(999_999_999)] #[repr(transparent)] pub struct Nanoseconds(u32);
pub struct Duration { secs: u64, nanos: Nanoseconds }

#[cfg(target_arch = "x86_64")] pub type c_char = i8;
#[cfg(target_arch = "wasm32")] pub type c_char = i8;
#[cfg(target_arch = "aarch64")] pub type c_char = u8;
#[cfg(target_arch = "riscv64")] pub type c_char = u8;
pub type c_schar = i8;
pub type c_uchar = u8;
pub type c_short = i16;
pub type c_ushort = u16;
pub type c_int = i32;
pub type c_uint = u32;
#[cfg(target_pointer_width = "64")] pub type c_long = i64;
#[cfg(target_pointer_width = "32")] pub type c_long = i32;
#[cfg(target_pointer_width = "64")] pub type c_ulong = u64;
#[cfg(target_pointer_width = "32")] pub type c_ulong = u32;
pub type c_longlong = i64;
pub type c_ulonglong = u64;
pub type c_float = f32;
pub type c_double = f64;
pub type c_size_t = usize;
pub type c_ssize_t = isize;
#[repr(u8)] pub enum c_void { __variant1, __variant2 }

#[repr(transparent)] pub struct Error(NonZeroI32);
pub type KernelResult<T = ()> = Result<T, Error>;
pub struct Kmalloc;
pub struct Vmalloc;
pub struct KVmalloc;
#[repr(transparent)] pub struct KernelBox<T: ?Sized, A>(NonNull<T>, PhantomData<A>);
pub type KBox<T> = KernelBox<T, Kmalloc>;
pub type VBox<T> = KernelBox<T, Vmalloc>;
pub type KVBox<T> = KernelBox<T, KVmalloc>;
pub struct ArrayLayout<T> { len: usize, _phantom: PhantomData<fn() -> T> }
pub struct KernelVec<T, A> { ptr: NonNull<T>, layout: ArrayLayout<T>, len: usize, _p: PhantomData<A> }
pub type KVec<T> = KernelVec<T, Kmalloc>;
pub type VVec<T> = KernelVec<T, Vmalloc>;
pub type KVVec<T> = KernelVec<T, KVmalloc>;
pub type kernel_c_char = u8;
`;
