/**
 * Kernel errno names, for `kernel::error::Error`'s Debug (rust/kernel/error.rs):
 *
 *     match self.name() {                        // errname(-self.0), lib/errname.c
 *         None => f.debug_tuple("Error").field(&-self.0).finish(),   // `Error(600)`
 *         Some(name) => f.debug_tuple(name).finish(),                // `EINVAL`
 *     }
 *
 * `Error` stores the *negative* errno (`EINVAL` is `Error(-22)` inside). `errname(err)` looks up
 * `abs(err)` and returns "-NAME" for a negative argument, "NAME" for a positive one; so a (broken)
 * positive stored value prints as `-EINVAL`. The table is lib/errname.c on the asm-generic numbering
 * (include/uapi/asm-generic/errno-base.h 1–34, errno.h 35–133; include/linux/errno.h 512–530), which
 * x86_64, aarch64 and riscv64 share. 41 and 58 are unassigned; EWOULDBLOCK = EAGAIN and EDEADLOCK =
 * EDEADLK print under the first name; ENOGRACE (531) is declared by error.rs but missing from
 * errname.c, so it prints as `Error(531)`. Without CONFIG_SYMBOLIC_ERRNAME every errno prints as `Error(N)`.
 */

const NAMES_0: readonly string[] = [
  '', 'EPERM', 'ENOENT', 'ESRCH', 'EINTR', 'EIO', 'ENXIO', 'E2BIG', 'ENOEXEC', 'EBADF', 'ECHILD', 'EAGAIN', 'ENOMEM',
  'EACCES', 'EFAULT', 'ENOTBLK', 'EBUSY', 'EEXIST', 'EXDEV', 'ENODEV', 'ENOTDIR', 'EISDIR', 'EINVAL', 'ENFILE', 'EMFILE',
  'ENOTTY', 'ETXTBSY', 'EFBIG', 'ENOSPC', 'ESPIPE', 'EROFS', 'EMLINK', 'EPIPE', 'EDOM', 'ERANGE',
  // 35–133 (asm-generic/errno.h)
  'EDEADLK', 'ENAMETOOLONG', 'ENOLCK', 'ENOSYS', 'ENOTEMPTY', 'ELOOP', '', 'ENOMSG', 'EIDRM', 'ECHRNG', 'EL2NSYNC',
  'EL3HLT', 'EL3RST', 'ELNRNG', 'EUNATCH', 'ENOCSI', 'EL2HLT', 'EBADE', 'EBADR', 'EXFULL', 'ENOANO', 'EBADRQC', 'EBADSLT',
  '', 'EBFONT', 'ENOSTR', 'ENODATA', 'ETIME', 'ENOSR', 'ENONET', 'ENOPKG', 'EREMOTE', 'ENOLINK', 'EADV', 'ESRMNT', 'ECOMM',
  'EPROTO', 'EMULTIHOP', 'EDOTDOT', 'EBADMSG', 'EOVERFLOW', 'ENOTUNIQ', 'EBADFD', 'EREMCHG', 'ELIBACC', 'ELIBBAD',
  'ELIBSCN', 'ELIBMAX', 'ELIBEXEC', 'EILSEQ', 'ERESTART', 'ESTRPIPE', 'EUSERS', 'ENOTSOCK', 'EDESTADDRREQ', 'EMSGSIZE',
  'EPROTOTYPE', 'ENOPROTOOPT', 'EPROTONOSUPPORT', 'ESOCKTNOSUPPORT', 'EOPNOTSUPP', 'EPFNOSUPPORT', 'EAFNOSUPPORT',
  'EADDRINUSE', 'EADDRNOTAVAIL', 'ENETDOWN', 'ENETUNREACH', 'ENETRESET', 'ECONNABORTED', 'ECONNRESET', 'ENOBUFS',
  'EISCONN', 'ENOTCONN', 'ESHUTDOWN', 'ETOOMANYREFS', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTDOWN', 'EHOSTUNREACH',
  'EALREADY', 'EINPROGRESS', 'ESTALE', 'EUCLEAN', 'ENOTNAM', 'ENAVAIL', 'EISNAM', 'EREMOTEIO', 'EDQUOT', 'ENOMEDIUM',
  'EMEDIUMTYPE', 'ECANCELED', 'ENOKEY', 'EKEYEXPIRED', 'EKEYREVOKED', 'EKEYREJECTED', 'EOWNERDEAD', 'ENOTRECOVERABLE',
  'ERFKILL', 'EHWPOISON',
];

/** 512–530 (include/linux/errno.h, kernel-internal); 520 is unassigned. */
const NAMES_512: readonly string[] = [
  'ERESTARTSYS', 'ERESTARTNOINTR', 'ERESTARTNOHAND', 'ENOIOCTLCMD', 'ERESTART_RESTARTBLOCK', 'EPROBE_DEFER',
  'EOPENSTALE', 'ENOPARAM', '', 'EBADHANDLE', 'ENOTSYNC', 'EBADCOOKIE', 'ENOTSUPP', 'ETOOSMALL', 'ESERVERFAULT',
  'EBADTYPE', 'EJUKEBOX', 'EIOCBQUEUED', 'ERECALLCONFLICT',
];

/** Names that parse but that errname does not print (aliases, and error.rs's ENOGRACE). */
const EXTRA: Readonly<Record<string, number>> = { EWOULDBLOCK: 11, EDEADLOCK: 35, ENOGRACE: 531 };

/** lib/errname.c `__errname`: the name of a positive errno, or null. */
export function errnoName(errno: number): string | null {
  const n = errno < 512 ? NAMES_0[errno] : NAMES_512[errno - 512];
  return n === undefined || n === '' ? null : n;
}

let byName: Map<string, number> | null = null;

/** The errno number (positive) of a name, aliases included; undefined if unknown. */
export function errnoOf(name: string): number | undefined {
  if (byName === null) {
    byName = new Map();
    NAMES_0.forEach((n, i) => { if (n !== '') byName?.set(n, i); });
    NAMES_512.forEach((n, i) => { if (n !== '') byName?.set(n, 512 + i); });
    for (const [n, v] of Object.entries(EXTRA)) byName.set(n, v);
  }
  return byName.get(name);
}

/** All names `errnoOf` knows (for suggestions). */
export function errnoNames(): readonly string[] {
  errnoOf('');
  return [...(byName ?? new Map<string, number>()).keys()];
}

/** The kernel's Debug of an `Error` whose stored value is `stored` (normally a negative errno). */
export function debugKernelError(stored: bigint, symbolic = true): string {
  // errname(-stored): abs() picks the entry, the sign picks "NAME" or "-NAME".
  const arg = -stored;
  const abs = arg < 0n ? -arg : arg;
  const name = symbolic && abs <= 600n ? errnoName(Number(abs)) : null;
  if (name !== null) return arg > 0n ? name : `-${name}`;
  // `-self.0` wraps for i32::MIN in a kernel built without overflow checks.
  return `Error(${stored === -(1n << 31n) ? stored : -stored})`;
}
