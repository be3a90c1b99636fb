// What every route can reach: the database, the generic repository and the configuration.
import type { Db } from '../db/client.ts';
import type { Actor } from '../modules/crm/access.ts';
import { Repository } from '../modules/crm/repository.ts';

export interface AppContext {
  db: Db;
  repo: Repository;
}

export function createContext(db: Db): AppContext {
  return { db, repo: new Repository(db) };
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

/** The authenticated actor; routes behind the auth hook can rely on it. */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('route reached without authentication');
  return request.actor;
}
