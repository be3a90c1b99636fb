// Tasks, comments and notifications: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerTaskCommands(_program: Command): void {}
