-- Knowledge article usage (issue #6): who used which article, how and when, so that "knowledge
-- articles written and used by colleagues" counts as collaboration evidence. Recorded by the
-- knowledge module (src/modules/knowledge/usage.ts) when an answer cites an article, when a user
-- marks an answer that used it helpful, and when someone other than its author opens it.

CREATE TABLE knowledge_article_usage (
  id bigserial PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES knowledge_articles(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('view', 'cited', 'helpful')),
  message_id uuid REFERENCES chat_messages(id) ON DELETE SET NULL,
  at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_article_usage_at_idx ON knowledge_article_usage (at);
CREATE INDEX knowledge_article_usage_article_idx ON knowledge_article_usage (article_id, at);
-- One citation and one helpful mark per chat answer and article, however often it is re-sent.
CREATE UNIQUE INDEX knowledge_article_usage_message_uq ON knowledge_article_usage (message_id, article_id, kind) WHERE message_id IS NOT NULL;
