// KPI catalogue: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function kpiRoutes(_app: FastifyInstance): Promise<void> {}
