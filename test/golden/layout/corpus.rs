// The curated layout corpus: every worked example of the reference digests, the seed articles' types,
// and Rust-for-Linux `Result<T>` shapes. Each `//@ NAME: TYPE` line is one case; the definitions below
// are ordinary Rust (compiled by rustc as the oracle, parsed by rustabi as input).
// Expected results: expected/<triple>.json, written by `npm run goldens:rustc` from rustc 1.95's own dumps.

pub trait Tr {}
pub enum Void {}

// ---- structs, tuples (digest §3.5)
pub struct S1 { a: u8, b: u32, c: u16 }
#[repr(C)] pub struct CS1 { a: u8, b: u32, c: u16 }
pub struct SP(u8, u32);
pub struct A1(u8, [u8; 4], u32);
pub struct A17<T: ?Sized>(u8, u32, T);
pub struct A18<T>(u8, u32, T);
pub struct A3(u32, u8, bool);
pub struct A2(u16, u8, bool, u32);
pub struct A5(u64, u8, char);
pub struct B7(u32, u8, char);
pub struct A7(bool, [u8; 16]);
pub struct A8(u8, [u8; 16]);
pub struct B3(bool, u64, [u8; 16]);
pub struct B4(u8, u64, [u8; 16]);
pub struct B5(u16, bool, u16, bool);
pub struct A16((u8, u8, u8, bool), (u8, bool, u8));
#[repr(C)] pub struct CU(u8, u64);
#[repr(C)] pub struct Z6(bool);
pub struct W1(u32);
#[repr(C)] pub struct CW1(u32);
#[repr(transparent)] pub struct T2(PhantomData<u8>, u64, ());
pub struct Z1(u8, [u64; 0], u16, PhantomData<u32>);
pub struct Z3(u32, [u64; 0]);
#[repr(packed)] pub struct P1 { a: u8, b: u32, c: u16 }
#[repr(packed)] pub struct P3(u8, bool);
#[repr(packed)] pub struct P2(u32);
#[repr(packed(2))] pub struct P5 { a: u8, b: u32, c: u16 }
#[repr(packed(4))] pub struct P4(u8, u64, u16);
#[repr(C, packed(2))] pub struct CP2(u8, u32, u8);
#[repr(align(16))] pub struct AL16 { a: u8, b: u32 }
#[repr(align(8))] pub struct AL1(u32);
#[repr(align(4))] pub struct AL4(u32);
#[repr(align(2))] pub struct AL2(u32);
#[repr(C, align(8))] pub struct CAL8 { a: u8, b: u16 }
#[repr(transparent)] pub struct T4((u32, u32));
#[repr(C)] pub struct CT4((u32, u32));
#[repr(C)] pub struct CSL(&'static [u8]);
#[rustc_layout_scalar_valid_range_start(1)] pub struct X(u32, u32);
pub struct T5([u32; 1]);
pub struct Unit;
pub struct Empty {}

// ---- enums (digest §4.7)
pub enum E1 { A(u8, u32), B(u16), C }
pub enum M1 { A(bool), B, C, D }
pub enum M2 { A, B(bool), C, D }
pub enum G { A, B(!), C, D(bool) }
pub enum M3 { A(u32, bool), B(u8), C }
pub enum Y2 { A(u32, bool), B }
pub enum Y { A(char, u8), B }
pub enum N1 { A(bool, u8, u16, u32), B(u8) }
pub enum N2 { A(char, u32), B(u16) }
pub enum M4 { A(&'static u8, u32), B(u32) }
pub enum M5 { A(u64, bool), B(u32), C(u16) }
pub enum M6 { A(char), B(u16) }
pub enum M7 { A(bool, u64), B(u64) }
pub enum M8 { A(u8), B(u8), C(u8) }
pub enum M9 { A(u32), B(i32), C(u32) }
pub enum M10 { A(u32), B(u64) }
pub enum M11 { A(&'static u8), B(usize) }
pub enum M12 { A(f32), B(u32) }
pub enum M13 { A(u32), B }
pub enum M14 { A(u8, u8), B }
pub enum N4 { A(u32), B(u32, u8) }
pub enum P { A(bool, u8, u8), B(u32) }
pub enum Big { A(u32), B(u8, u8, u8, u8, u8) }
pub enum ZA { A([u64; 0], u8), B(u8) }
#[repr(simd)] pub struct F32x4([f32; 4]);
#[repr(simd)] pub struct F32x3([f32; 3]);
#[repr(simd)] pub struct U8x3([u8; 3]);
#[repr(simd)] pub struct U64x4([u64; 4]);
#[repr(simd, packed)] pub struct PF32x3([f32; 3]);
pub struct WrapV(F32x4);
pub enum U1 { A(u32, Void), B(u8) }
pub enum EU { A(u32, Void), B(u64, Void) }
pub enum One { A = 5 }
pub enum OneF { A(u32, bool) }
pub enum Absent1 { A(!), B(!, ()) }
#[repr(u8)] pub enum RAbs1 { A(!) }
#[repr(u8)] pub enum RAbs2 { A(!), B(!) }
#[repr(C)] pub enum CAbs { A(!), B }
#[repr(C)] pub enum CAbs1 { A(!) }

// explicit discriminants
pub enum D0 { A, B, C }
pub enum D1 { A = -1, B = 0, C = 1 }
pub enum D2 { A = -1, B = 255, C = 256 }
pub enum D3 { A = 255, B = 256 }
pub enum D4 { A = -129, B = 0 }
pub enum D5 { A = -1, B = 255 }
pub enum D6 { A = 10, B = 20 }
pub enum D7 { A = 0, B = 1000, C = 2000 }
pub enum D8 { A = 0, B = 255 }
#[repr(u8)] pub enum D9 { A = 0, B = 255 }
#[repr(u8)] pub enum D10 { A = 0, B = 128 }
#[repr(i8)] pub enum D11 { A = -128, B = 127 }
#[repr(i8)] pub enum D12 { A = 0, B = 100 }
#[repr(i8)] pub enum D13 { A = 0, B = 50 }
#[repr(u8)] pub enum D14 { A = 0, B = 127 }
#[repr(i16)] pub enum D15 { A = -1000, B = 0, C = 30000 }
#[repr(u16)] pub enum D16 { A = 0, B = 1, C = 60000 }
#[repr(i64)] pub enum D17 { A = -5, B = 7 }
#[repr(C)] pub enum D18 { A, B }
#[repr(C)] pub enum D19 { A = -1, B }
#[repr(C)] pub enum D20 { A = 0xFFFF_FFFF, B = 0 }
#[repr(u8)] pub enum D21 { A = 5 }
#[repr(u128)] pub enum D22 { A = 0, B = 0xFFFF_FFFF_FFFF_FFFF_FFFF }

// repr(C) / repr(int) enums with fields
#[repr(C)] pub enum RC1 { A(u8), B(u32, u8), C }
#[repr(u8)] pub enum RU1 { A(u8, u32, u16), B }
#[repr(C, u8)] pub enum RCU1 { A(u8, u32, u16), B }
#[repr(u32)] pub enum RU32 { A(u8), B }
#[repr(u8)] pub enum RU64 { A(u64), B }
#[repr(u8)] pub enum RUN { A(u32, !), B }
#[repr(C)] pub enum RCN { A(!), B }
#[repr(align(8))] pub enum EAL { A(u8), B }

// unions (digest §5)
pub union UA { a: u32, b: u32 }
pub union UB { a: u32, b: i32 }
pub union UC { a: u32, b: f32 }
pub union UD { a: u8, b: u32 }
pub union UE { a: bool, b: () }
pub union UF { a: (u32, u32), b: (u32, u32) }
#[repr(C)] pub union UG { a: u32 }
#[repr(packed)] pub union UH { a: u32, b: u32 }
#[repr(align(8))] pub union UI { a: u32 }
pub union UJ { a: [u8; 3], b: u16 }

// generics
pub struct Wrap<T>(T);
pub struct Pair<T, U> { a: T, b: U }
pub struct Arr<T, const N: usize>([T; N]);
pub type Alias<T> = (T, T);

// the seeds: the Rust return-value problem
pub struct Ret40 { a: u64, b: u64, c: u64, d: u64, e: u64 }

//@ s1: S1
//@ cs1: CS1
//@ tuple_u8_u64_u8: (u8, u64, u8)
//@ tuple_u8_u32: (u8, u32)
//@ sp: SP
//@ tuple_u8_arr_u32: (u8, [u8; 4], u32)
//@ a1: A1
//@ a17_u16: A17<u16>
//@ a18_u16: A18<u16>
//@ a3: A3
//@ a2: A2
//@ a5: A5
//@ b7: B7
//@ a7: A7
//@ a8: A8
//@ b3: B3
//@ b4: B4
//@ b5: B5
//@ a16: A16
//@ tuple_bool_u32: (bool, u32)
//@ tuple_u32_bool: (u32, bool)
//@ tuple_char_bool: (char, bool)
//@ tuple_u8_ref: (u8, &u8)
//@ tuple_u128_u8: (u128, u8)
//@ tuple_u8_f128: (u8, f128)
//@ cu: CU
//@ z6: Z6
//@ w1: W1
//@ cw1: CW1
//@ t2: T2
//@ z1: Z1
//@ z3: Z3
//@ p1: P1
//@ p3: P3
//@ p2: P2
//@ p5: P5
//@ p4: P4
//@ cp2: CP2
//@ al16: AL16
//@ al1: AL1
//@ al4: AL4
//@ al2: AL2
//@ cal8: CAL8
//@ t4: T4
//@ ct4: CT4
//@ csl: CSL
//@ x: X
//@ option_x: Option<X>
//@ t5: T5
//@ unit_struct: Unit
//@ empty_struct: Empty
//@ unit: ()
//@ never: !
//@ one_tuple: (u8,)
//@ bool: bool
//@ char: char
//@ u128: u128
//@ i128: i128
//@ f16: f16
//@ f128: f128
//@ usize: usize
//@ ref_u8: &u8
//@ mut_ref_u64: &mut u64
//@ raw_ptr: *const u32
//@ fn_ptr: fn(u8) -> u8
//@ slice_ref: &[u32]
//@ str_ref: &str
//@ dyn_ref: &dyn Tr
//@ raw_dyn: *const dyn Tr
//@ raw_slice: *mut [u8]
//@ array_u32_1: [u32; 1]
//@ array_bool_3: [bool; 3]
//@ array_zero: [u64; 0]
//@ array_never: [!; 2]
//@ array_never_0: [!; 0]
//@ tuple_never: (u32, !)
//@ phantom: PhantomData<u64>
//@ option_usize: Option<usize>
//@ option_u8: Option<u8>
//@ option_u32: Option<u32>
//@ option_u64: Option<u64>
//@ option_u128: Option<u128>
//@ option_unit: Option<()>
//@ result_unit_unit: Result<(), ()>
//@ option_ref: Option<&u8>
//@ option_bool: Option<bool>
//@ option_option_bool: Option<Option<bool>>
//@ option3_bool: Option<Option<Option<bool>>>
//@ option_char: Option<char>
//@ option_nonzero_u8: Option<NonZeroU8>
//@ option2_nonzero_u8: Option<Option<NonZeroU8>>
//@ result_u32_i32: Result<u32, i32>
//@ result_u8_u32: Result<u8, u32>
//@ result_u64_ref: Result<u64, &u8>
//@ result_bool_bool: Result<bool, bool>
//@ result_unit_bool: Result<(), bool>
//@ result_unit_nonzero_i32: Result<(), NonZeroI32>
//@ result_usize_nonzero_i32: Result<usize, NonZeroI32>
//@ option_u8_ref: Option<(u8, &u8)>
//@ option2_u8_ref: Option<Option<(u8, &u8)>>
//@ option_bool_u32: Option<(bool, u32)>
//@ option_u32_bool: Option<(u32, bool)>
//@ option_u16_u8: Option<(u16, u8)>
//@ option_option_u32: Option<Option<u32>>
//@ e1: E1
//@ m1: M1
//@ m2: M2
//@ g: G
//@ m3: M3
//@ y2: Y2
//@ y: Y
//@ n1: N1
//@ n2: N2
//@ m4: M4
//@ m5: M5
//@ m6: M6
//@ m7: M7
//@ m8: M8
//@ m9: M9
//@ m10: M10
//@ m11: M11
//@ m12: M12
//@ m13: M13
//@ m14: M14
//@ n4: N4
//@ p: P
//@ big: Big
//@ za: ZA
//@ f32x4: F32x4
//@ f32x3: F32x3
//@ u8x3: U8x3
//@ u64x4: U64x4
//@ packed_f32x3: PF32x3
//@ wrap_v: WrapV
//@ option_f32x4: Option<F32x4>
//@ u1: U1
//@ eu: EU
//@ one: One
//@ onef: OneF
//@ absent1: Absent1
//@ rabs1: RAbs1
//@ rabs2: RAbs2
//@ cabs: CAbs
//@ cabs1: CAbs1
//@ void: Void
//@ option_void: Option<Void>
//@ result_u32_never: Result<u32, !>
//@ d0: D0
//@ d1: D1
//@ d2: D2
//@ d3: D3
//@ d4: D4
//@ d5: D5
//@ d6: D6
//@ option_d6: Option<D6>
//@ d7: D7
//@ d8: D8
//@ option_d8: Option<D8>
//@ d9: D9
//@ option_d9: Option<D9>
//@ d10: D10
//@ option_d10: Option<D10>
//@ d11: D11
//@ option_d11: Option<D11>
//@ d12: D12
//@ option_d12: Option<D12>
//@ d13: D13
//@ d14: D14
//@ d15: D15
//@ d16: D16
//@ d17: D17
//@ d18: D18
//@ d19: D19
//@ d20: D20
//@ d21: D21
//@ d22: D22
//@ ordering: Ordering
//@ option_ordering: Option<Ordering>
//@ rc1: RC1
//@ ru1: RU1
//@ rcu1: RCU1
//@ ru32: RU32
//@ ru64: RU64
//@ run: RUN
//@ rcn: RCN
//@ eal: EAL
//@ ua: UA
//@ ub: UB
//@ uc: UC
//@ ud: UD
//@ ue: UE
//@ option_ue: Option<UE>
//@ uf: UF
//@ ug: UG
//@ uh: UH
//@ ui: UI
//@ uj: UJ
//@ maybe_uninit_bool: MaybeUninit<bool>
//@ option_maybe_uninit_bool: Option<MaybeUninit<bool>>
//@ manually_drop_bool: ManuallyDrop<bool>
//@ option_manually_drop_bool: Option<ManuallyDrop<bool>>
//@ unsafe_cell_bool: UnsafeCell<bool>
//@ option_unsafe_cell_bool: Option<UnsafeCell<bool>>
//@ unsafe_cell_ref: UnsafeCell<&u8>
//@ option_cell_ref: Option<Cell<&u8>>
//@ unsafe_cell_pair: UnsafeCell<(bool, u32)>
//@ refcell_u32: RefCell<u32>
//@ cell_sibling: (Cell<bool>, bool)
//@ vec_u8: Vec<u8>
//@ string: String
//@ option_vec: Option<Vec<u8>>
//@ option_string: Option<String>
//@ option2_vec: Option<Option<Vec<u8>>>
//@ result_vec_u32: Result<Vec<u8>, u32>
//@ result_vec_error: Result<Vec<u8>, Error>
//@ result_vec_string: Result<Vec<u8>, String>
//@ result_vec_u64: Result<Vec<u8>, u64>
//@ box_u32: Box<u32>
//@ option_box: Option<Box<u32>>
//@ nonnull: NonNull<u8>
//@ rc_u32: Rc<u32>
//@ arc_u32: Arc<u32>
//@ box_slice: Box<[u8]>
//@ box_str: Box<str>
//@ box_dyn: Box<dyn Tr>
//@ option_box_dyn: Option<Box<dyn Tr>>
//@ option_str: Option<&str>
//@ nonzero_u64: NonZero<u64>
//@ option_nonzero_usize: Option<NonZeroUsize>
//@ duration: Duration
//@ option_duration: Option<Duration>
//@ option_fn: Option<fn()>
//@ c_int: c_int
//@ c_char: c_char
//@ c_long: c_long
//@ kernel_error: kernel::error::Error
//@ kernel_result_unit: kernel::error::Result
//@ kernel_result_unit_explicit: Result<(), Error>
//@ option_error: Option<Error>
//@ kernel_result_usize: Result<usize, kernel::error::Error>
//@ kernel_result_mut_ptr: kernel::error::Result<*mut u8>
//@ kernel_result_kbox: Result<KBox<u32>, Error>
//@ kernel_result_box: Result<Box<u64>, Error>
//@ kernel_result_i32: Result<i32, Error>
//@ kernel_result_u8: Result<u8, Error>
//@ kernel_result_bool: Result<bool, Error>
//@ kernel_result_kvec: Result<KVec<u8>, Error>
//@ kvec_u32: KVec<u32>
//@ kbox_dyn: KBox<dyn Tr>
//@ wrap_u8: Wrap<u8>
//@ wrap_nonzero: Wrap<NonZeroU32>
//@ pair_bool_u64: Pair<bool, u64>
//@ arr_u16_3: Arr<u16, 3>
//@ alias_u8: Alias<u8>
//@ seed_option_usize: Option<usize>
//@ seed_option_nonzero_usize: Option<NonZeroUsize>
//@ seed_result_unit_error: Result<(), Error>
//@ seed_result_usize_error: Result<usize, Error>
//@ seed_ret40: Ret40
//@ option_ret40: Option<Ret40>
