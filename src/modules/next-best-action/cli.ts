// Next-best-action: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerNextBestActionCommands(_program: Command): void {}
