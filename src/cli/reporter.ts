/** Progress on stderr, so stdout stays clean for tables and `--json`. */
import type { ProgressReporter } from '../core/plugin.js';
import { guardText } from './outputGuard.js';

export function stderrReporter(quiet: boolean): ProgressReporter {
  return {
    progress: (message) => {
      if (!quiet) process.stderr.write(`› ${guardText(message)}\n`);
    },
    warn: (message) => process.stderr.write(`! ${guardText(message)}\n`),
  };
}
