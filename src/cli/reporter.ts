/** Progress on stderr, so stdout stays clean for tables and `--json`. */
import type { ProgressReporter } from '../core/plugin.js';

export function stderrReporter(quiet: boolean): ProgressReporter {
  return {
    progress: (message) => {
      if (!quiet) process.stderr.write(`› ${message}\n`);
    },
    warn: (message) => process.stderr.write(`! ${message}\n`),
  };
}
