// Lead scoring: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function leadScoringRoutes(_app: FastifyInstance): Promise<void> {}
