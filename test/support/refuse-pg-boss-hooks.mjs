// Module hook for tests: resolving the queue library fails, so a module graph that loads it statically fails too.
export async function resolve(specifier, context, next) {
  if (specifier === 'pg-boss') throw new Error('pg-boss was loaded');
  return next(specifier, context);
}
