/** Where the portal's server reaches the API (never the browser: it only talks to the portal). */
export const API_URL = process.env.API_URL ?? 'http://127.0.0.1:3100';
