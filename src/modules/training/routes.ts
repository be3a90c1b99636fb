// Training plans: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function trainingRoutes(_app: FastifyInstance): Promise<void> {}
