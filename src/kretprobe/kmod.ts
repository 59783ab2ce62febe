/**
 * A kernel module (C + Kbuild) from a plan: one kretprobe per function, registered together with
 * `register_kretprobes`. The entry handler formats the arguments into the instance's `data` (so a
 * `&mut` argument prints as it was at the call), keeps the hidden return pointer and the entry time;
 * the return handler formats the return value and prints one line per call:
 *
 *     rustabi: detect_func(x=1, y=2, z=Some(3)) = Some(6) [812 ns]
 *
 * Values are rebuilt from pt_regs exactly as the register map places them (pieces at their byte
 * offsets; by-reference values and the hidden return buffer copied with `copy_from_kernel_nofault`)
 * and printed by generated C (c-printer.ts). Module parameters: `maxactive` (load time) and `enabled`
 * (0/1 at any time: `disable_kretprobe` / `enable_kretprobe`). Unloading reports `nmissed`.
 */
import type { ArgAbi, FnAbi, Piece } from '../model/abi.js';
import type { LayoutCx } from '../layout/index.js';
import type { RegisterArch } from '../model/registers.js';
import type { ProbeFn, ProbePlan } from './plan.js';
import { CPrinters } from './c-printer.js';
import { C_RUNTIME } from './c-runtime.js';
import { cComment, cString } from './c-text.js';
import { ptRegsField } from './fetch-text.js';

export interface KmodProbe {
  readonly fn: ProbeFn;
  readonly abi: FnAbi;
}

export interface KmodFiles {
  /** The module's name (`rustabi_1a2b3c4d`): unique per probe set, so several can be loaded at once. */
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
}

/** Largest value assembled on the stack; larger by-memory values are left out at planning. */
const MAX_VALUE = 256;
const ARGS_LEN = 512;
const RET_LEN = 512;

/** FNV-1a over the plan text: the module name's suffix. */
function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function moduleName(plan: ProbePlan): string {
  return `rustabi_${hash32(JSON.stringify(plan.probes.map((p) => [p.symbol, p.signature])) + plan.target)}`;
}

function regExpr(arch: RegisterArch, reg: string): string {
  return `regs->${ptRegsField(arch, reg)}`;
}

/** C statements that leave a piece's bytes in `v` (registers; stack slots read behind regs->sp). */
function pieceInto(arch: RegisterArch, p: Piece): string[] {
  if ('reg' in p.loc) return [`put(v, ${p.offset}, ${regExpr(arch, p.loc.reg)}, ${p.size});`];
  if ('stack' in p.loc) return [`{ u64 w = 0; rd(&w, regs->sp + ${p.loc.stack}, 8); put(v, ${p.offset}, w, ${p.size}); }`];
  return [`/* piece at ${p.offset} has no pt_regs location */`];
}

/** Declarations and statements that assemble value `a` into `u8 v[]` and print it with `pr` after `label`. */
function valueCode(arch: RegisterArch, a: ArgAbi, pr: string, addr: string | null, label: string | null, stackPtr: number | null = null): string[] {
  const size = Math.max(a.layout.size, 1);
  const say = label === null ? [] : [`rb_put(&b, ${cString(label)});`];
  if (stackPtr !== null) {
    return [`u8 v[${size}];`, 'u64 a = 0;', `rd(&a, regs->sp + ${stackPtr}, 8);`, ...say,
      `if (rd(v, a, ${a.layout.size})) ${pr}(&b, v, 0); else rb_fmt(&b, "<unreadable 0x%llx>", (unsigned long long)a);`];
  }
  if (addr !== null) {
    return [`u8 v[${size}];`, `u64 a = ${addr};`, ...say,
      `if (rd(v, a, ${a.layout.size})) ${pr}(&b, v, 0); else rb_fmt(&b, "<unreadable 0x%llx>", (unsigned long long)a);`];
  }
  const pieces = a.pieces.flatMap((p) => pieceInto(arch, p));
  return [`u8 v[${Math.max(size, 16)}] = { 0 };`, ...say, ...pieces, `${pr}(&b, v, 0);`];
}

function probeCode(plan: ProbePlan, p: KmodProbe, printers: CPrinters): string {
  const { fn, abi } = p;
  const arch = plan.arch;
  const id = fn.id;
  const out: string[] = [];
  out.push(`/* ${cComment(fn.path)}: ${cComment(fn.signature)} */`);
  out.push(`struct ${id}_data {`, '\tu64 t0;', '\tu64 sret;', `\tchar args[${ARGS_LEN}];`, `\tchar ret[${RET_LEN}];`, '};', '');
  out.push(`static int ${id}_entry(struct kretprobe_instance *ri, struct pt_regs *regs)`, '{');
  out.push(`\tstruct ${id}_data *d = (struct ${id}_data *)ri->data;`, '\tstruct rb b = { d->args, 0, sizeof(d->args) };', '');
  out.push('\td->args[0] = 0;');
  out.push(abi.sret !== null && 'reg' in abi.sret.atEntry ? `\td->sret = ${regExpr(arch, abi.sret.atEntry.reg)};` : '\td->sret = 0;');
  let first = true;
  abi.args.forEach((a, i) => {
    const planned = fn.args[i];
    if (planned === undefined || !planned.captured) return;
    if (a.layout.size > MAX_VALUE) return;
    const pr = printers.printer(a.ty);
    const indirect = a.mode.kind === 'indirect' && !a.mode.onStack;
    const ptr = a.pieces[0];
    const label = `${first ? '' : ', '}${planned.name}=`;
    let lines: string[];
    if (indirect && ptr !== undefined && 'stack' in ptr.loc) lines = valueCode(arch, a, pr, null, label, ptr.loc.stack);
    else if (indirect && ptr !== undefined && 'reg' in ptr.loc) lines = valueCode(arch, a, pr, regExpr(arch, ptr.loc.reg), label);
    else lines = valueCode(arch, a, pr, null, label);
    out.push('\t{', ...lines.map((x) => `\t\t${x}`), '\t}');
    first = false;
  });
  if (first) out.push('\t(void)b;');
  out.push('\td->t0 = ktime_get_ns();', '\treturn 0;', '}', '');
  out.push(`static int ${id}_ret(struct kretprobe_instance *ri, struct pt_regs *regs)`, '{');
  out.push('\tu64 t1 = ktime_get_ns();');
  out.push(`\tstruct ${id}_data *d = (struct ${id}_data *)ri->data;`, '\tstruct rb b = { d->ret, 0, sizeof(d->ret) };', '');
  out.push('\td->ret[0] = 0;');
  const r = abi.ret;
  if (!fn.ret.captured) {
    out.push('\trb_put(&b, "<not captured>");');
  } else {
    const pr = printers.printer(r.ty);
    out.push('\t{');
    const lines = abi.sret !== null ? valueCode(arch, r, pr, 'd->sret', null) : r.mode.kind === 'ignore' ? [`u8 v[16] = { 0 };`, `${pr}(&b, v, 0);`] : valueCode(arch, r, pr, null, null);
    for (const s of lines) out.push(`\t\t${s}`);
    out.push('\t}');
  }
  out.push(`\tpr_info("rustabi: %s(%s) = %s [%llu ns]\\n", ${cString(fn.path)}, d->args, d->ret, (unsigned long long)(t1 - d->t0));`);
  out.push('\treturn 0;', '}', '');
  out.push(`static struct kretprobe ${id}_kp = {`, `\t.kp.symbol_name = ${cString(fn.symbol)},`, `\t.handler = ${id}_ret,`, `\t.entry_handler = ${id}_entry,`,
    `\t.data_size = sizeof(struct ${id}_data),`, '};', '');
  return out.join('\n');
}

/** The module source directory: `NAME.c`, `Kbuild`, `Makefile`. */
export function emitKmod(plan: ProbePlan, probes: readonly KmodProbe[], cx: LayoutCx): KmodFiles {
  const name = moduleName(plan);
  const printers = new CPrinters(cx);
  const bodies = probes.map((p) => probeCode(plan, p, printers));
  const ids = probes.map((p) => p.fn.id);
  const c: string[] = [
    '// SPDX-License-Identifier: GPL-2.0',
    `/* Generated by rustabi from a probe plan for ${plan.target}: do not edit. */`,
    '#include <linux/kernel.h>',
    '#include <linux/module.h>',
    '#include <linux/moduleparam.h>',
    '#include <linux/kprobes.h>',
    '#include <linux/ktime.h>',
    '#include <linux/uaccess.h>',
    '#include <linux/string.h>',
    '#include <linux/minmax.h>',
    '#include <linux/limits.h>',
    '',
    'static int maxactive;',
    'module_param(maxactive, int, 0444);',
    'MODULE_PARM_DESC(maxactive, "instances per probe (0: the kernel default)");',
    '',
    C_RUNTIME,
    printers.code(),
    ...bodies,
    `static struct kretprobe *probes[] = { ${ids.map((i) => `&${i}_kp`).join(', ')} };`,
    `static const char *const names[] = { ${probes.map((p) => cString(p.fn.path)).join(', ')} };`,
    'static bool enabled = true;',
    '',
    'static int set_enabled(const char *val, const struct kernel_param *kp)',
    '{',
    '\tbool on;',
    '\tint i, err = kstrtobool(val, &on);',
    '',
    '\tif (err)',
    '\t\treturn err;',
    '\tif (on == enabled)',
    '\t\treturn 0;',
    '\tfor (i = 0; i < ARRAY_SIZE(probes); i++) {',
    '\t\terr = on ? enable_kretprobe(probes[i]) : disable_kretprobe(probes[i]);',
    '\t\tif (err)',
    '\t\t\treturn err;',
    '\t}',
    '\tenabled = on;',
    '\treturn 0;',
    '}',
    '',
    'static const struct kernel_param_ops enabled_ops = {',
    '\t.set = set_enabled,',
    '\t.get = param_get_bool,',
    '};',
    'module_param_cb(enabled, &enabled_ops, &enabled, 0644);',
    'MODULE_PARM_DESC(enabled, "1: probing, 0: probes disabled (kept registered)");',
    '',
    'static int __init rustabi_init(void)',
    '{',
    '\tint i, err;',
    '',
    '\tfor (i = 0; i < ARRAY_SIZE(probes); i++)',
    '\t\tprobes[i]->maxactive = maxactive;',
    '\terr = register_kretprobes(probes, ARRAY_SIZE(probes));',
    '\tif (err) {',
    `\t\tpr_err(${cString(`${name}: register_kretprobes failed: `)} "%d\\n", err);`,
    '\t\treturn err;',
    '\t}',
    `\tpr_info(${cString(`${name}: `)} "%d probes registered\\n", (int)ARRAY_SIZE(probes));`,
    '\treturn 0;',
    '}',
    '',
    'static void __exit rustabi_exit(void)',
    '{',
    '\tint i;',
    '',
    '\tunregister_kretprobes(probes, ARRAY_SIZE(probes));',
    '\tfor (i = 0; i < ARRAY_SIZE(probes); i++)',
    `\t\tpr_info(${cString(`${name}: `)} "%s: %d calls missed\\n", names[i], probes[i]->nmissed);`,
    '}',
    '',
    'module_init(rustabi_init);',
    'module_exit(rustabi_exit);',
    'MODULE_LICENSE("GPL");',
    `MODULE_DESCRIPTION(${cString(`rustabi kretprobes: ${probes.map((p) => p.fn.path).join(', ')}`.slice(0, 200))});`,
    '',
  ];
  const kbuild = `obj-m := ${name}.o\nccflags-y := -Werror\n`;
  const makefile = [
    '# make KDIR=/path/to/kernel/headers [ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-]',
    'KDIR ?= /lib/modules/$(shell uname -r)/build',
    '',
    'all:',
    '\t$(MAKE) -C $(KDIR) M=$(CURDIR) modules',
    '',
    'clean:',
    '\t$(MAKE) -C $(KDIR) M=$(CURDIR) clean',
    '',
  ].join('\n');
  return { name, files: { [`${name}.c`]: c.join('\n'), Kbuild: kbuild, Makefile: makefile } };
}
