// The capabilities' command registrations, in help order. One line per module.
import type { Command } from 'commander';
import { registerLeadsCommands } from '../modules/lead-scoring/cli.ts';
import { registerAssignmentCommands } from '../modules/lead-assignment/cli.ts';
import { registerForecastCommands } from '../modules/forecasting/cli.ts';
import { registerPipelineCommands } from '../modules/pipeline/cli.ts';
import { registerCustomerCommands } from '../modules/customer-analytics/cli.ts';
import { registerProviderCommands } from '../modules/providers/cli.ts';
import { registerKnowledgeCommands } from '../modules/knowledge/cli.ts';
import { registerWriterCommands } from '../modules/writer/cli.ts';
import { registerCallsCommands } from '../modules/calls/cli.ts';
import { registerCompetencyCommands } from '../modules/competency/cli.ts';
import { registerTrainingCommands } from '../modules/training/cli.ts';
import { registerBestPracticeCommands } from '../modules/best-practices/cli.ts';
import { registerNextBestActionCommands } from '../modules/next-best-action/cli.ts';
import { registerTaskCommands } from '../modules/tasks/cli.ts';
import { registerKnowledgeGraphCommands } from '../modules/knowledge-graph/cli.ts';
import { registerKpiCommands } from '../modules/kpis/cli.ts';
import { registerAlertCommands } from '../modules/alerts/cli.ts';

export const capabilityCommands: Array<(program: Command) => void> = [
  registerLeadsCommands,
  registerAssignmentCommands,
  registerForecastCommands,
  registerPipelineCommands,
  registerCustomerCommands,
  registerProviderCommands,
  registerKnowledgeCommands,
  registerWriterCommands,
  registerCallsCommands,
  registerCompetencyCommands,
  registerTrainingCommands,
  registerBestPracticeCommands,
  registerNextBestActionCommands,
  registerTaskCommands,
  registerKnowledgeGraphCommands,
  registerKpiCommands,
  registerAlertCommands,
];
