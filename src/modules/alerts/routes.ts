// Anomaly alerts: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function alertRoutes(_app: FastifyInstance): Promise<void> {}
