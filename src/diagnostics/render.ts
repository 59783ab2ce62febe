/**
 * Diagnostic → text: `file:line:col: error[code]: message`, the source line, and carets under the span.
 * Line and column are computed here, lazily, from UTF-16 offsets (columns are 1-based code points).
 */
import type { Diagnostic, Span } from '../model/diagnostics.js';

export interface LineCol {
  readonly line: number;
  readonly col: number;
  readonly lineStart: number;
  readonly lineEnd: number;
}

export function lineColOf(text: string, offset: number): LineCol {
  const off = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < off; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = text.length;
  const col = [...text.slice(lineStart, off)].length + 1;
  return { line, col, lineStart, lineEnd };
}

function excerpt(span: Span): string[] {
  const text = span.source.text;
  const lc = lineColOf(text, span.start);
  const lineText = text.slice(lc.lineStart, lc.lineEnd).replace(/\r$/, '');
  const gutter = String(lc.line + (span.source.firstLine ?? 1) - 1);
  const pad = ' '.repeat(gutter.length);
  const before = [...text.slice(lc.lineStart, Math.min(span.start, lc.lineEnd))].map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
  const endOnLine = Math.min(Math.max(span.end, span.start + 1), lc.lineEnd);
  const width = Math.max(1, [...text.slice(span.start, endOnLine)].length);
  return [`${pad} |`, `${gutter} | ${lineText}`, `${pad} | ${before}${'^'.repeat(width)}`];
}

/** Renders one diagnostic as rustc-style text (no trailing newline). */
export function renderDiagnostic(d: Diagnostic): string {
  const head = `${d.severity}[${d.code}]: ${d.message}`;
  const lines: string[] = [];
  if (d.span !== undefined) {
    const lc = lineColOf(d.span.source.text, d.span.start);
    lines.push(`${d.span.source.name}:${lc.line + (d.span.source.firstLine ?? 1) - 1}:${lc.col}: ${head}`);
    lines.push(...excerpt(d.span));
  } else {
    lines.push(head);
  }
  if (d.path !== undefined && d.path.length > 0) lines.push(`  = at: ${d.path.join('.')}`);
  for (const r of d.related ?? []) {
    const lc = lineColOf(r.span.source.text, r.span.start);
    lines.push(`note: ${r.message}`, `  --> ${r.span.source.name}:${lc.line}:${lc.col}`, ...excerpt(r.span));
  }
  if (d.help !== undefined) lines.push(`  = help: ${d.help}`);
  return lines.join('\n');
}

export function renderDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map(renderDiagnostic).join('\n\n');
}
