// Sales forecasting: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function forecastingRoutes(_app: FastifyInstance): Promise<void> {}
