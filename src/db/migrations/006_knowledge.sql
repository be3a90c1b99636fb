-- Knowledge base, Q&A, chat and FAQ routing (issue #5). pgvector objects are created at run time,
-- only where the extension exists, so this file runs unchanged on PGlite and PostgreSQL.

-- Every saved version of a knowledge article (the current one included), newest last.
CREATE TABLE knowledge_article_versions (
  article_id uuid NOT NULL REFERENCES knowledge_articles(id) ON DELETE CASCADE,
  version integer NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  format text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  status text NOT NULL,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  changed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, version)
);

-- Embeddings by content hash and model, so unchanged text is never embedded twice.
CREATE TABLE embedding_cache (
  model text NOT NULL,
  hash text NOT NULL,
  dims integer NOT NULL,
  vector bytea NOT NULL,          -- little-endian float32 × dims, unit length
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (model, hash)
);

CREATE TABLE chat_conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT 'New conversation',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX chat_conversations_user_idx ON chat_conversations (user_id, updated_at DESC);

CREATE TABLE chat_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES chat_conversations(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  citations jsonb NOT NULL DEFAULT '[]',
  chunk_ids text[] NOT NULL DEFAULT '{}',   -- every chunk the answer was grounded in
  query text,                               -- the retrieval query (follow-ups resolved)
  confident boolean,
  mode text,
  feedback boolean,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_conversation_idx ON chat_messages (conversation_id, created_at);

-- Helpful / not helpful votes on the chunks an answer used, for the query it answered.
CREATE TABLE knowledge_feedback (
  id bigserial PRIMARY KEY,
  chunk_id text NOT NULL,
  query text NOT NULL,
  helpful boolean NOT NULL,
  message_id uuid REFERENCES chat_messages(id) ON DELETE SET NULL,
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_feedback_chunk_idx ON knowledge_feedback (chunk_id);

-- Labelled example questions for FAQ routing imported from CSV (text,label).
CREATE TABLE faq_examples (
  id bigserial PRIMARY KEY,
  text text NOT NULL,
  label text NOT NULL,
  source text NOT NULL DEFAULT 'csv',
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
