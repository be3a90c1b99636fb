// Pipeline forecast and win probability: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function pipelineRoutes(_app: FastifyInstance): Promise<void> {}
