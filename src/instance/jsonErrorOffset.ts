/**
 * Where a JSON text first goes wrong. V8's messages name a position for some mistakes and not
 * for others ("Unexpected token ','"), so this small scanner finds the offset itself, for
 * errors that say "line 3, column 12" every time.
 */

/** Offset of the first syntax error, or undefined when `text` is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.space();
    if (scanner.at < text.length) return scanner.at;
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return error.offset;
    throw error;
  }
}

class ScanError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

class Scanner {
  at = 0;

  constructor(private readonly text: string) {}

  space(): void {
    while (/[ \t\n\r]/.test(this.text[this.at] ?? '')) this.at++;
  }

  fail(): never {
    throw new ScanError(this.at);
  }

  expect(char: string): void {
    if (this.text[this.at] !== char) this.fail();
    this.at++;
  }

  value(): void {
    this.space();
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(
      this.text.slice(this.at, this.at + 64),
    );
    if (literal === null) this.fail();
    this.at += literal[0].length;
  }

  string(): void {
    this.expect('"');
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined || char === '\n' || char < ' ') this.fail();
      this.at++;
      if (char === '"') return;
      if (char === '\\') {
        if (!/["\\/bfnrtu]/.test(this.text[this.at] ?? '')) this.fail();
        this.at++;
      }
    }
  }

  object(): void {
    this.expect('{');
    this.space();
    if (this.text[this.at] === '}') return void this.at++;
    for (;;) {
      this.space();
      this.string();
      this.space();
      this.expect(':');
      this.value();
      this.space();
      if (this.text[this.at] === '}') return void this.at++;
      this.expect(',');
    }
  }

  array(): void {
    this.expect('[');
    this.space();
    if (this.text[this.at] === ']') return void this.at++;
    for (;;) {
      this.value();
      this.space();
      if (this.text[this.at] === ']') return void this.at++;
      this.expect(',');
    }
  }
}
