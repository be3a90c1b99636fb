// Next-best-action: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function nextBestActionRoutes(_app: FastifyInstance): Promise<void> {}
