// Anomaly alerts: CLI commands (placeholder until the capability lands).
import type { Command } from 'commander';

export function registerAlertCommands(_program: Command): void {}
