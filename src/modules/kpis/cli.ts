// KPI catalogue: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerKpiCommands(_program: Command): void {}
