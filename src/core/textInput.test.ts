import { describe, expect, it } from 'vitest';
import { checkName, checkText } from './textInput.js';

describe('core/textInput', () => {
  it('checkText(raw, what) trims and keeps printable text', () => {
    expect(checkText('  alt account of mira ', '--reason')).toBe('alt account of mira');
    expect(checkText('中文 ✓ émoji 😀', '--reason')).toBe('中文 ✓ émoji 😀');
  });

  it('checkText(raw, what) refuses empty, blank, control characters, bidi overrides and long text', () => {
    const code = (raw: string) => {
      try {
        checkText(raw, '--reason');
        return 'accepted';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(['', '   ', '\t'].map(code)).toEqual(['text_blank', 'text_blank', 'text_blank']);
    expect(['a\u001b[2Jb', 'a\nb', 'a\u202eb', 'a\ud800b', 'a\u0085b'].map(code)).toEqual(
      Array(5).fill('text_invalid'),
    );
    expect(code('x'.repeat(2001))).toBe('text_too_long');
    expect(code('x'.repeat(2000))).toBe('accepted');
  });

  it('checkName(raw) accepts identity names and refuses paths, escapes and long names', () => {
    expect(checkName('lin.chen')).toBe('lin.chen');
    for (const raw of ['../../etc/x', 'a\\b', '\u001b[31mred', 'x'.repeat(65), '', ' mira'])
      expect(() => checkName(raw)).toThrow(expect.objectContaining({ code: 'name_invalid' }));
    expect(() => checkName('\u001b[31mred')).toThrow(/control character U\+001B/);
  });
});
