/**
 * The fixed C part of a generated module: a bounded text buffer, little-endian loads, 128-bit decimal,
 * `{:?}` escapes for char and str, and the one memory reader (`copy_from_kernel_nofault`).
 */
export const C_RUNTIME: string = String.raw`struct rb {
	char *s;
	int n;
	int cap;
};

static __maybe_unused void rb_put(struct rb *b, const char *t)
{
	while (*t && b->n < b->cap - 1)
		b->s[b->n++] = *t++;
	b->s[b->n] = 0;
}

static __maybe_unused __printf(2, 3) void rb_fmt(struct rb *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (b->n >= b->cap - 1)
		return;
	va_start(ap, fmt);
	r = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	if (r > 0)
		b->n = min(b->n + r, b->cap - 1);
}

/* Reads n bytes of kernel memory at addr; false when they are not mapped. */
static __maybe_unused bool rd(void *dst, u64 addr, size_t n)
{
	if (n == 0)
		return true;
	return copy_from_kernel_nofault(dst, (const void *)(unsigned long)addr, n) == 0;
}

/* Little-endian load of n <= 8 bytes (the targets are little-endian). */
static __maybe_unused u64 ld(const u8 *p, int n)
{
	u64 v = 0;

	memcpy(&v, p, n);
	return v;
}

static __maybe_unused s64 sx(u64 v, int bits)
{
	return bits >= 64 ? (s64)v : (s64)(v << (64 - bits)) >> (64 - bits);
}

static __maybe_unused void put(u8 *v, int off, u64 r, int n)
{
	memcpy(v + off, &r, n);
}

/* A 128-bit integer in decimal, by long division on 32-bit limbs (no __int128 division in the kernel). */
static __maybe_unused void rb_i128(struct rb *b, u64 lo, u64 hi, int sgn)
{
	u32 l[4] = { (u32)lo, (u32)(lo >> 32), (u32)hi, (u32)(hi >> 32) };
	char tmp[41];
	int i = 40, k, neg = sgn && (s64)hi < 0;

	if (neg) {
		for (k = 0; k < 4; k++)
			l[k] = ~l[k];
		for (k = 0; k < 4 && ++l[k] == 0; k++)
			;
	}
	tmp[i] = 0;
	do {
		u64 rem = 0;

		for (k = 3; k >= 0; k--) {
			u64 cur = (rem << 32) | l[k];

			l[k] = (u32)(cur / 10);
			rem = cur % 10;
		}
		tmp[--i] = (char)('0' + rem);
	} while (l[0] | l[1] | l[2] | l[3]);
	if (neg)
		tmp[--i] = '-';
	rb_put(b, tmp + i);
}

/* One char as escape_debug writes it inside quote q; non-ASCII chars are written as UTF-8. */
static __maybe_unused void rb_esc(struct rb *b, u32 c, char q)
{
	char u[5] = { 0 };

	switch (c) {
	case 0: rb_put(b, "\\0"); return;
	case '\t': rb_put(b, "\\t"); return;
	case '\n': rb_put(b, "\\n"); return;
	case '\r': rb_put(b, "\\r"); return;
	case '\\': rb_put(b, "\\\\"); return;
	default: break;
	}
	if (c == (u32)q) {
		rb_fmt(b, "\\%c", q);
		return;
	}
	if (c < 0x20 || c == 0x7f) {
		rb_fmt(b, "\\u{%x}", c);
		return;
	}
	if (c < 0x80) {
		u[0] = (char)c;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
	}
	rb_put(b, u);
}

static __maybe_unused void rb_char(struct rb *b, u32 c)
{
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		rb_fmt(b, "<invalid: char 0x%x is not a Unicode scalar value>", c);
		return;
	}
	rb_put(b, "'");
	rb_esc(b, c, '\'');
	rb_put(b, "'");
}

/* A str's bytes (UTF-8 decoded for the escapes; other bytes pass through). */
static __maybe_unused void rb_str(struct rb *b, const u8 *t, u64 n)
{
	u64 i = 0;

	rb_put(b, "\"");
	while (i < n) {
		u32 c = t[i];
		int len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

		if (len > 1 && i + len <= n) {
			int k;

			c &= 0x7f >> len;
			for (k = 1; k < len; k++)
				c = (c << 6) | (t[i + k] & 0x3f);
		} else {
			len = 1;
		}
		rb_esc(b, c, '"');
		i += len;
	}
	rb_put(b, "\"");
}

/* What no printer covers: its bytes, "<T: 01 02 ...>". */
static __maybe_unused void rb_bytes(struct rb *b, const char *head, const u8 *p, int n)
{
	int i;

	rb_put(b, head);
	for (i = 0; i < n; i++)
		rb_fmt(b, "%s%02x", i ? " " : ": ", p[i]);
	rb_put(b, ">");
}
`;
