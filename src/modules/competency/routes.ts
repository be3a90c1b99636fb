// Competency assessment: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function competencyRoutes(_app: FastifyInstance): Promise<void> {}
