// Knowledge graph: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function knowledgeGraphRoutes(_app: FastifyInstance): Promise<void> {}
