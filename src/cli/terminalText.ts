/**
 * Text bound for a terminal, made safe: data (names, reasons, server messages) can hold
 * control characters that move the cursor, recolour or erase what was printed, or bidi
 * overrides that reorder it. Every line a command prints passes through `terminalSafe`, which
 * shows such characters as visible escapes (`\x1b`, `\u202e`) and keeps newlines and tabs.
 */

const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/gu;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.codePointAt(0) as number;
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
