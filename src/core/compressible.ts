/**
 * Which of the explorer's files are worth compressing: text. `cred site` writes .gz and .br
 * copies of these, and `cred serve` sends them compressed; images and fonts already are.
 */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.jsonl', '.md', '.svg', '.txt']);

/** Whether a file name's extension is a compressible (text) one. */
export function isCompressible(file: string): boolean {
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') && COMPRESSIBLE.has(file.slice(dot).toLowerCase());
}
