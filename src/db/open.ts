// Opens the configured database and brings its schema up to date.
import { connect, type ConnectOptions, type Db } from './client.ts';
import { migrate } from './migrate.ts';

export async function openDatabase(options: ConnectOptions): Promise<Db> {
  const db = await connect(options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
