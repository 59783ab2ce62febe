/** Evaluation of const expressions (array lengths, discriminants, const generic arguments) as integers. */
import type { ConstExpr } from './ast.js';
import type { Outcome } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';

export type ConstEnv = (name: string) => bigint | undefined;

export function evalConst(e: ConstExpr, env: ConstEnv): Outcome<bigint> {
  switch (e.kind) {
    case 'lit': return ok(e.value);
    case 'path': {
      const v = env(e.name);
      return v === undefined ? fail(error('input/unknown-type', `cannot find constant \`${e.name}\` in this scope`, e.span)) : ok(v);
    }
    case 'unary': {
      const v = evalConst(e.expr, env);
      if (!v.ok) return v;
      return ok(e.op === '-' ? -v.value : ~v.value);
    }
    case 'binary': {
      const l = evalConst(e.left, env);
      if (!l.ok) return l;
      const r = evalConst(e.right, env);
      if (!r.ok) return r;
      const a = l.value;
      const b = r.value;
      switch (e.op) {
        case '+': return ok(a + b);
        case '-': return ok(a - b);
        case '*': return ok(a * b);
        case '/': case '%':
          if (b === 0n) return fail(error('input/invalid-literal', 'attempt to divide by zero in a constant', e.span));
          return ok(e.op === '/' ? a / b : a % b);
        case '<<': case '>>':
          if (b < 0n || b > 255n) return fail(error('input/invalid-literal', 'shift amount out of range in a constant', e.span));
          return ok(e.op === '<<' ? a << b : a >> b);
        case '&': return ok(a & b);
        case '|': return ok(a | b);
        case '^': return ok(a ^ b);
      }
    }
  }
}
