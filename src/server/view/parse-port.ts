import { InputError } from '../../spec/index.ts';

/** A TCP port from a flag: an integer 0–65535 (0 picks a free port); anything else is an InputError. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(port) || port > 65_535) {
    throw new InputError(`--port: expected an integer from 0 to 65535, got '${text}'`);
  }
  return port;
}
