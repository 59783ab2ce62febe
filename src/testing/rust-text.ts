/**
 * A resolved type printed back as Rust that the oracle crate can compile: prelude and user items by
 * their crate-level item names, references with `'static` (type aliases cannot elide lifetimes).
 */
import type { GenericArgValue, Ty } from '../model/ty.js';

export function rustTypeText(t: GenericArgValue): string {
  switch (t.kind) {
    case 'const': return t.value < 0n ? `{ ${t.value} }` : t.value.toString();
    case 'int': return (t.signed ? 'i' : 'u') + (t.int === 'size' ? 'size' : String(Number(t.int.slice(1))));
    case 'float': return 'f' + t.float.slice(1);
    case 'bool': case 'char': case 'str': return t.kind;
    case 'never': return '!';
    case 'tuple': return t.elems.length === 1 ? `(${rustTypeText(t.elems[0] as Ty)},)` : `(${t.elems.map(rustTypeText).join(', ')})`;
    case 'array': return `[${rustTypeText(t.elem)}; ${t.len}]`;
    case 'slice': return `[${rustTypeText(t.elem)}]`;
    case 'ref': return `&'static ${t.mutable ? 'mut ' : ''}${rustTypeText(t.pointee)}`;
    case 'ptr': return `*${t.mutable ? 'mut' : 'const'} ${rustTypeText(t.pointee)}`;
    case 'fnptr': return t.text;
    case 'dyn': return `dyn ${t.traits.join(' + ')}`;
    case 'foreign': return t.name;
    case 'adt': return t.args.length === 0 ? t.def.name : `${t.def.name}<${t.args.map(rustTypeText).join(', ')}>`;
  }
}
