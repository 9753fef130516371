/**
 * Default largest request body of `parity serve`: far above any prompt that fits a local model's context. On its
 * own so that `parity --help` reads it without loading the server (docs/decisions/0275).
 */
export const defaultMaxBodyBytes = 4 * 1024 * 1024;
