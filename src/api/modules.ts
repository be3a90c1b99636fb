// The capabilities' route plugins, in registration order. One line per module.
import type { FastifyInstance } from 'fastify';
import { leadScoringRoutes } from '../modules/lead-scoring/routes.ts';
import { leadAssignmentRoutes } from '../modules/lead-assignment/routes.ts';
import { forecastingRoutes } from '../modules/forecasting/routes.ts';
import { pipelineRoutes } from '../modules/pipeline/routes.ts';
import { customerRoutes } from '../modules/customer-analytics/routes.ts';
import { providerRoutes } from '../modules/providers/routes.ts';
import { knowledgeRoutes } from '../modules/knowledge/routes.ts';
import { writerRoutes } from '../modules/writer/routes.ts';
import { callsRoutes } from '../modules/calls/routes.ts';
import { competencyRoutes } from '../modules/competency/routes.ts';
import { trainingRoutes } from '../modules/training/routes.ts';
import { bestPracticeRoutes } from '../modules/best-practices/routes.ts';
import { nextBestActionRoutes } from '../modules/next-best-action/routes.ts';
import { taskRoutes } from '../modules/tasks/routes.ts';
import { knowledgeGraphRoutes } from '../modules/knowledge-graph/routes.ts';
import { kpiRoutes } from '../modules/kpis/routes.ts';
import { alertRoutes } from '../modules/alerts/routes.ts';

export const capabilityRoutes: Array<(app: FastifyInstance) => Promise<void>> = [
  leadScoringRoutes,
  leadAssignmentRoutes,
  forecastingRoutes,
  pipelineRoutes,
  customerRoutes,
  providerRoutes,
  knowledgeRoutes,
  writerRoutes,
  callsRoutes,
  competencyRoutes,
  trainingRoutes,
  bestPracticeRoutes,
  nextBestActionRoutes,
  taskRoutes,
  knowledgeGraphRoutes,
  kpiRoutes,
  alertRoutes,
];
