import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminalText.js';

describe('cli/terminalText', () => {
  it('terminalSafe(text) shows control characters and bidi overrides as escapes, keeps newlines and tabs', () => {
    expect(terminalSafe('a\u001b[31mb\u0007\u202ec\n\td')).toBe('a\\x1b[31mb\\x07\\u202ec\n\td');
    expect(terminalSafe('中文 ✓')).toBe('中文 ✓');
  });
});
