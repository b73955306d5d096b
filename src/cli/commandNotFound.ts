/**
 * oclif's `command_not_found` hook: a mistyped command gets the closest commands as
 * suggestions, and exit code 2 (a usage error), instead of a bare "command not found".
 */
import type { Hook } from '@oclif/core';
import { closestCommands } from './closestCommands.js';

const commandNotFound: Hook<'command_not_found'> = async function (options) {
  const typed = options.id.replaceAll(':', ' ');
  const known = options.config.commandIDs.map((id) => id.replaceAll(':', ' '));
  const close = closestCommands(typed, known);
  const hint =
    close.length > 0
      ? `Did you mean ${close.map((command) => `"cred ${command}"`).join(' or ')}?`
      : 'Run "cred --help" for the list of commands.';
  this.error(`"cred ${typed}" is not a cred command. ${hint}`, { exit: 2 });
};

export default commandNotFound;
