/** PORT as a port number, or an error naming the bad value (JSON-escaped by the logger). */
export function portFrom(value: string | undefined, fallback: number): { port: number } | { error: string } {
  if (value === undefined || value === '') return { port: fallback };
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (port >= 1 && port <= 65535) return { port };
  return { error: 'PORT must be a whole number from 1 to 65535' };
}
