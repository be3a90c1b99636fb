// Model provider settings: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function providerRoutes(_app: FastifyInstance): Promise<void> {}
