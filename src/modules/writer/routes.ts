// Sales email and marketing copy: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function writerRoutes(_app: FastifyInstance): Promise<void> {}
