// Oracle crate for test/unit/symbols/demangle.test.ts: compiled with both manglings, every symbol `nm`
// lists is demangled by rustabi and by c++filt and the two are compared. Keep it `#![no_std]`.
#![no_std]
#![allow(dead_code, non_snake_case, uncommon_codepoints)]

pub mod sync {
    pub mod lock {
        pub struct Mutex<T> { pub v: T }
        impl<T: Copy> Mutex<T> {
            #[inline(never)]
            pub fn get(&self) -> T { self.v }
        }
        #[inline(never)]
        pub fn spin_lock(x: &mut u32) { *x += 1; }
    }
}

pub trait Shape {
    fn area(&self) -> u64;
    fn name(&self) -> &'static str { "shape" }
}

pub struct Square(pub u64);
pub struct Pair<A, B>(pub A, pub B);

impl Shape for Square {
    #[inline(never)]
    fn area(&self) -> u64 { self.0 * self.0 }
}

impl<A: Copy + Into<u64>, B: Copy + Into<u64>> Shape for Pair<A, B> {
    #[inline(never)]
    fn area(&self) -> u64 { self.0.into() * self.1.into() }
}

impl Square {
    #[inline(never)]
    pub fn new(x: u64) -> Square { Square(x) }
    #[inline(never)]
    pub fn scaled(&self, by: u64) -> Square { Square(self.0 * by) }
}

impl dyn Shape {
    #[inline(never)]
    pub fn describe(&self) -> u64 { self.area() + 1 }
}

#[inline(never)]
fn generic<T: Copy>(x: T) -> T { x }

#[inline(never)]
fn two<A, B>(a: A, _b: B) -> A { a }

#[inline(never)]
fn with_const<const N: usize>() -> usize { N }

#[inline(never)]
fn with_bool<const B: bool>() -> bool { B }

#[inline(never)]
fn with_char<const C: char>() -> char { C }

#[inline(never)]
fn with_neg<const I: i32>() -> i32 { I }

#[inline(never)]
fn call<F: Fn(u32) -> u32>(f: F) -> u32 { f(1) }

#[inline(never)]
fn size_of_val_like<T: ?Sized>(_x: &T) -> usize { 0 }

#[inline(never)]
pub fn gödel(x: u32) -> u32 { x + 1 }

#[inline(never)]
pub fn 東京(x: u32) -> u32 { x + 2 }

pub struct Matrix<const R: usize, const C: usize>([[f32; C]; R]);
impl<const R: usize, const C: usize> Matrix<R, C> {
    #[inline(never)]
    pub fn rows(&self) -> usize { R }
}

pub trait Visitor<'a> { fn visit(&self, s: &'a str) -> usize; }
pub struct V;
impl<'a> Visitor<'a> for V {
    #[inline(never)]
    fn visit(&self, s: &'a str) -> usize { s.len() }
}

pub mod deep {
    pub mod er {
        pub mod still {
            pub struct Node<'a, T> { pub next: Option<&'a Node<'a, T>>, pub v: T }
            impl<'a, T: Copy + Into<u64>> Node<'a, T> {
                #[inline(never)]
                pub fn sum(&self) -> u64 { self.v.into() + self.next.map_or(0, |n| n.sum()) }
            }
        }
    }
}

pub trait Convert<T> { fn convert(&self) -> T; }
impl Convert<u64> for (u8, u16) {
    #[inline(never)]
    fn convert(&self) -> u64 { self.0 as u64 + self.1 as u64 }
}
impl Convert<u8> for [u8; 3] {
    #[inline(never)]
    fn convert(&self) -> u8 { self[0] }
}
impl Convert<u32> for fn(u32) -> u32 {
    #[inline(never)]
    fn convert(&self) -> u32 { self(0) }
}
impl<'a> Convert<usize> for &'a str {
    #[inline(never)]
    fn convert(&self) -> usize { self.len() }
}
impl Shape for &Square {
    #[inline(never)]
    fn area(&self) -> u64 { 0 }
}
pub trait Blanket { fn blanket(&self) -> usize; }
impl<T: ?Sized> Blanket for T {
    #[inline(never)]
    fn blanket(&self) -> usize { 1 }
}

#[inline(never)]
fn call_dyn(f: &dyn Fn(u8) -> u8) -> u8 { f(3) }

#[inline(never)]
fn nested(x: u32) -> u32 {
    let outer = |a: u32| {
        let inner = |b: u32| b * x;
        inner(a) + 1
    };
    outer(2)
}

#[inline(never)]
fn slices<T: Copy>(s: &[T], _m: &mut [T]) -> Option<T> { s.first().copied() }

#[inline(never)]
pub fn everything(m: &mut sync::lock::Mutex<u32>, sq: &Square) -> u64 {
    let mut total = 0u64;
    let mut x = 0u32;
    sync::lock::spin_lock(&mut x);
    total += m.get() as u64;
    total += sq.area() + Square::new(2).scaled(3).0;
    total += Pair(1u8, 2u16).area();
    total += Pair(3u32, 4u64).area();
    let d: &dyn Shape = sq;
    total += d.describe() + d.name().len() as u64;
    total += generic(1u8) as u64 + generic(2i64) as u64 + generic('c') as u64;
    total += generic((1u8, 2u16)).0 as u64;
    total += generic((1u8,)).0 as u64;
    generic(());
    total += generic([1u8; 4])[0] as u64;
    total += generic(&[1u16, 2][..])[0] as u64;
    total += generic(&mut x as *mut u32) as usize as u64;
    total += generic(&x as *const u32) as usize as u64;
    total += generic(sq as &dyn Shape).area();
    total += generic(1.5f32) as u64 + generic(2.5f64) as u64;
    total += generic(true) as u64 + generic(3i128) as u64 + generic(4u128) as u64;
    total += generic(5isize) as u64 + generic(6usize) as u64 + generic(7i16) as u64 + generic(8u16) as u64 + generic(-1i8) as u64;
    total += generic("str").len() as u64;
    total += generic(gödel as fn(u32) -> u32)(1) as u64;
    total += two(1u8, &sq) as u64;
    total += two(1u8, None::<&dyn Fn(&u8) -> u8>) as u64;
    total += two(1u8, None::<for<'a> fn(&'a u8, &u16) -> &'a u8>) as u64;
    total += two(1u8, None::<unsafe extern "C" fn(i32, ...)>) as u64;
    total += two(1u8, None::<&(dyn Iterator<Item = u8> + Send)>) as u64;
    total += two(1u8, None::<*const [u8]>) as u64;
    total += two(1u8, None::<&&str>) as u64;
    total += with_const::<3>() as u64 + with_const::<{ usize::MAX }>() as u64;
    total += with_bool::<true>() as u64 + with_bool::<false>() as u64;
    total += with_char::<'x'>() as u64 + with_char::<'ö'>() as u64 + with_char::<'\''>() as u64 + with_char::<'\n'>() as u64;
    total += with_neg::<-5>() as u64 + with_neg::<7>() as u64;
    let k = 10u32;
    total += call(|v| v + k) as u64;
    total += call(|v| v * 2) as u64;
    total += size_of_val_like(&[1u8, 2][..]) as u64 + size_of_val_like("x") as u64 + size_of_val_like(d) as u64;
    total += 東京(1) as u64 + gödel(2) as u64;
    total += Matrix::<2, 3>([[0.0; 3]; 2]).rows() as u64;
    total += V.visit("abc") as u64;
    let node = deep::er::still::Node { next: None, v: 3u8 };
    total += deep::er::still::Node { next: Some(&node), v: 4u8 }.sum();
    total += (1u8, 2u16).convert() + [4u8, 5, 6].convert() as u64 + "ab".convert() as u64;
    total += (gödel as fn(u32) -> u32).convert() as u64;
    total += (&*sq).area() + (&sq).area() + sq.blanket() as u64 + "x".blanket() as u64 + [1u8][..].blanket() as u64;
    total += call_dyn(&|v| v + 1) as u64 + nested(4) as u64;
    let mut buf = [0i16; 2];
    total += slices(&[1u32, 2], &mut [0u32; 1]).unwrap_or(0) as u64 + slices(&[1i16], &mut buf).map_or(0, |v| v as u64);
    total
}
