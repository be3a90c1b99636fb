// Pipeline forecast and win probability: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerPipelineCommands(_program: Command): void {}
