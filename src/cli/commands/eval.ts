// `salesbloom eval …`: measure a model on the user's own files before trusting it.
// Each capability adds its evaluation subcommand here (one import, one call).
import type { Command } from 'commander';

export function registerEvalCommands(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('Evaluate a model on your own data (train on one file, report on another).');
  void evalCmd;
}
