/**
 * Turns the errors a boot can meet (unreachable PostgreSQL or Redis, a port in use, bad credentials)
 * into one sentence that says what to do, instead of a stack trace.
 */
export function describeStartupFailure(error: unknown): string {
  const { code, message, address, port } = error as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
  };
  const where = address && port ? `${address}:${port}` : 'its address';
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing answers at ${where} (${message}); check DATABASE_URL and REDIS_URL, or unset them to let npm start run its own servers`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `unknown host in ${message}; check DATABASE_URL and REDIS_URL`;
    case 'EADDRINUSE':
      return `port ${port ?? ''} is already in use; stop the program using it or set API_PORT to a free port`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the credentials (${message}); check the user and password in DATABASE_URL`;
    case '3D000':
      return `${message}; create the database or fix its name in DATABASE_URL`;
    default:
      return message ?? String(error);
  }
}
