import { KnowledgeSession, type SessionOptions } from '../../diagnosis/pipeline/knowledge-session.js';

/** Opens the knowledge session of a snapshot for one command, and closes it however the command ends. */
export async function withSession<T>(snapshotDir: string, work: (session: KnowledgeSession) => Promise<T>, options: SessionOptions = {}): Promise<T> {
  const session = await KnowledgeSession.open(snapshotDir, options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
