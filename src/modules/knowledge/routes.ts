// Knowledge base, Q&A and chat: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function knowledgeRoutes(_app: FastifyInstance): Promise<void> {}
