// The `salesbloom` command: assembles each module's commands; owns no logic of its own.
import { Command, CommanderError } from 'commander';
import { AppError, ExitCode, InputError, formatIssue } from '../core/errors.ts';
import { registerAuthCommands } from '../modules/auth/cli.ts';
import { registerDemoCommand } from '../modules/demo/cli.ts';
import { registerImportCommands } from '../modules/import/cli.ts';
import { registerEvalCommands } from './commands/eval.ts';
import { registerMigrateCommands } from './commands/migrate.ts';
import { registerServeCommand } from './commands/serve.ts';
import { describeStep, registerPrepareCommand } from './commands/prepare.ts';
import { prepareCapabilities } from './prepare.ts';
import { capabilityCommands } from './modules.ts';

export function buildProgram(): Command {
  const program = new Command('salesbloom')
    .description('SalesBloom: AI for your sales organisation, on your own data and machines.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServeCommand(program);
  registerDemoCommand(program, async (db, onProgress) => {
    onProgress('training the models on the demo data (skip with --no-prepare)');
    await prepareCapabilities(db, (r) => onProgress(describeStep(r)));
  });
  registerPrepareCommand(program);
  registerImportCommands(program);
  registerAuthCommands(program);
  registerMigrateCommands(program);
  for (const register of capabilityCommands) register(program);
  registerEvalCommands(program);
  return program;
}

/** Runs the CLI and returns the process exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit through here with code 0; usage mistakes with 2.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof InputError) {
    process.stderr.write(`error: ${error.message}\n`);
    const shown = error.issues.slice(0, 50);
    for (const issue of shown) process.stderr.write(`  ${formatIssue(issue)}\n`);
    if (error.issues.length > shown.length) process.stderr.write(`  … and ${error.issues.length - shown.length} more\n`);
    return error.exitCode;
  }
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return ExitCode.failure;
}
