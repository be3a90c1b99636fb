// Customer analytics: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function customerRoutes(_app: FastifyInstance): Promise<void> {}
