// Tasks, comments and notifications: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function taskRoutes(_app: FastifyInstance): Promise<void> {}
