// Lead assignment: HTTP routes (placeholder until the capability lands).
import type { FastifyInstance } from 'fastify';

export async function leadAssignmentRoutes(_app: FastifyInstance): Promise<void> {}
