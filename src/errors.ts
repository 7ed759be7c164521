/** A problem with how report-lint was called (exit 2, one line on stderr, no stack). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A configuration file that cannot be used (exit 2). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
