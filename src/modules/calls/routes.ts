// Conversation intelligence: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function callsRoutes(_app: FastifyInstance): Promise<void> {}
