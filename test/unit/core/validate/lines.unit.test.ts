import * as assert from 'node:assert/strict';
import { LineIndex, offsetToLineColumn } from '../../../../src/core/validate/validateRequest';

describe('offsetToLineColumn', () => {
  it('counts \\n, \\r\\n and a lone \\r as line ends, as editors do', () => {
    const text = 'a\nbc\r\nd\re';
    assert.deepEqual(offsetToLineColumn(text, 0), { line: 0, character: 0 });
    assert.deepEqual(offsetToLineColumn(text, 1), { line: 0, character: 1 });
    assert.deepEqual(offsetToLineColumn(text, 2), { line: 1, character: 0 });
    assert.deepEqual(offsetToLineColumn(text, 4), { line: 1, character: 2 });
    assert.deepEqual(offsetToLineColumn(text, 6), { line: 2, character: 0 });
    assert.deepEqual(offsetToLineColumn(text, 8), { line: 3, character: 0 });
    assert.equal(new LineIndex(text).lineCount, 4);
  });

  it('counts characters in UTF-16 units and clamps offsets outside the text', () => {
    const text = '😀x\ny';
    assert.deepEqual(offsetToLineColumn(text, 2), { line: 0, character: 2 });
    assert.deepEqual(offsetToLineColumn(text, -5), { line: 0, character: 0 });
    assert.deepEqual(offsetToLineColumn(text, 99), { line: 1, character: 1 });
  });

  it('handles a text ending in a line break and an empty text', () => {
    assert.deepEqual(offsetToLineColumn('ab\n', 3), { line: 1, character: 0 });
    assert.deepEqual(offsetToLineColumn('', 0), { line: 0, character: 0 });
  });

  it('converts many offsets of a large text against one index', () => {
    const line = `${'x'.repeat(99)}\n`;
    const text = line.repeat(200_000); // 20 MB, 200 000 lines
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 200_001);
    for (let lineNumber = 0; lineNumber < 200_000; lineNumber += 997) {
      assert.deepEqual(index.position(lineNumber * 100 + 42), { line: lineNumber, character: 42 });
    }
    assert.deepEqual(offsetToLineColumn(text, text.length - 1), { line: 199_999, character: 99 });
  });
});
