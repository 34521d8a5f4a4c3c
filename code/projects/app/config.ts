// The database settings of the application, read from the environment in one place.
// #region config
export interface DatabaseConfig {
  /** Where the database is: a connection URL (`sqlite://…`, `postgres://…`, `mariadb://…`). */
  url: string;
  /** Whether to print every SQL statement. */
  logging: boolean;
}

/** Reads the settings from environment variables, with defaults for development. */
export function readConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  return {
    url: env.DATABASE_URL ?? 'sqlite:///:memory:',
    logging: env.APP_DB_LOGGING !== 'false',
  };
}
// #endregion
