// `salesbloom eval …`: measure a model on the user's own files before trusting it.
// Each capability adds its evaluation subcommand here (one import, one call).
import type { Command } from 'commander';
import { registerAssignmentEval } from '../../modules/lead-assignment/cli.ts';
import { registerAnomaliesEval } from '../../modules/anomalies/cli.ts';
import { registerRecommendEval } from '../../modules/customer-analytics/cli.ts';
import { registerLeadScoringEval } from '../../modules/lead-scoring/cli.ts';
import { registerForecastEval } from '../../modules/forecasting/cli.ts';
import { registerIntentsEval } from '../../modules/intents/cli.ts';

export function registerEvalCommands(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('Evaluate a model on your own data (train on one file, report on another).');
  registerLeadScoringEval(evalCmd);
  registerAssignmentEval(evalCmd);
  registerAnomaliesEval(evalCmd);
  registerRecommendEval(evalCmd);
  registerForecastEval(evalCmd);
  registerIntentsEval(evalCmd);
}
