/** parseBlacklist / isBlacklisted on hand-made inputs in the format of /sys/kernel/debug/kprobes/blacklist. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNotBlacklisted, isBlacklisted, parseBlacklist } from '../../../src/symbols/blacklist.js';

const DEBUGFS = [
  '0xffffffff81000000-0xffffffff81000010\tdo_int3',
  '0xffffffff81000020-0xffffffff81000080\tnotify_die',
  '0xffffffffc0a01000-0xffffffffc0a01040\t_RNvNtC6kernel4sync9spin_lock [rustmod]',
  '0xffffffff81200000-0xffffffff81300000\t__entry_text_start',
  'garbage here !',
  '',
].join('\n');

test('the debugfs form: ranges (end exclusive), symbols and modules', () => {
  const bl = parseBlacklist(DEBUGFS);
  assert.equal(bl.entries.length, 4);
  assert.deepEqual(bl.skippedLines, [5]);
  assert.deepEqual(bl.entries[0], { start: 0xffffffff81000000n, end: 0xffffffff81000010n, symbol: 'do_int3' });
  assert.deepEqual(bl.entries[2], { start: 0xffffffffc0a01000n, end: 0xffffffffc0a01040n, symbol: '_RNvNtC6kernel4sync9spin_lock', module: 'rustmod' });
  assert.equal(isBlacklisted(bl, 'do_int3'), true);
  assert.equal(isBlacklisted(bl, '_RNvNtC6kernel4sync9spin_lock'), true);
  assert.equal(isBlacklisted(bl, 'do_sys_open'), false);
  // By address: inside a range, at its exclusive end, and inside a section range under another name.
  assert.equal(isBlacklisted(bl, 'some_local', 0xffffffff8100000fn), true);
  assert.equal(isBlacklisted(bl, 'some_local', 0xffffffff81000010n), false);
  assert.equal(isBlacklisted(bl, 'entry_SYSCALL_64', 0xffffffff81200040n), true);
  assert.equal(isBlacklisted(bl, 'do_sys_open', 0xffffffff81400000n), false);
});

test('unprivileged reads (zero addresses) still match by name, never by address', () => {
  const bl = parseBlacklist('0x0000000000000000-0x0000000000000000\tdo_int3\n0x0000000000000000-0x0000000000000000\tnotify_die\n');
  assert.equal(isBlacklisted(bl, 'notify_die'), true);
  assert.equal(isBlacklisted(bl, 'other', 0n), false);
});

test('a plain list of names, one a line', () => {
  const bl = parseBlacklist('do_int3\n  notify_die  \n# a comment\n\nkprobe_handler [kmod]\n');
  assert.deepEqual(bl.entries, [{ symbol: 'do_int3' }, { symbol: 'notify_die' }, { symbol: 'kprobe_handler', module: 'kmod' }]);
  assert.deepEqual(bl.skippedLines, []);
  assert.equal(isBlacklisted(bl, 'notify_die', 0xffffffff81000000n), true);
  assert.equal(isBlacklisted(bl, 'notify_di'), false);
});

test('checkNotBlacklisted gives the symbol/blacklisted error', () => {
  const bl = parseBlacklist(DEBUGFS);
  assert.equal(checkNotBlacklisted(bl, 'do_sys_open'), null);
  const e = checkNotBlacklisted(bl, 'notify_die');
  assert.equal(e?.code, 'symbol/blacklisted');
  assert.match(e?.message ?? '', /notify_die/);
});
