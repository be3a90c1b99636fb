// Best-practice mining: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function bestPracticeRoutes(_app: FastifyInstance): Promise<void> {}
