// The database settings of the application, read from the environment in one place.
// #region config
export interface DatabaseConfig {
  /** The SQLite file, or `:memory:`; on a server this would be a connection URL. */
  storage: string;
  /** Whether to print every SQL statement. */
  logging: boolean;
}

/** Reads the settings from environment variables, with defaults for development. */
export function readConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  return {
    storage: env.APP_DB_STORAGE ?? ':memory:',
    logging: env.APP_DB_LOGGING !== 'false',
  };
}
// #endregion
