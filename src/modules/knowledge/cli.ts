// Knowledge base, Q&A and chat: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerKnowledgeCommands(_program: Command): void {}
