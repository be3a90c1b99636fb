// Knowledge graph: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerKnowledgeGraphCommands(_program: Command): void {}
