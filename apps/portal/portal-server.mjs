// Serves the built portal, as `next start` does, after deciding who the client is. Next keeps a client's
// own X-Forwarded-For header, and the portal passes the client's address on to the API (which limits failed
// logins per address and records it on sessions and in the audit log): so a browser talking to the portal
// directly could claim any address. Here the address is the socket's peer, or what the proxies named in
// PORTAL_TRUSTED_PROXIES say (the same rules as the API's TRUSTED_PROXIES), and nothing else reaches Next.
//
//   node portal-server.mjs [--hostname 127.0.0.1] [--port 3200]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import proxyAddr from 'proxy-addr';

const { values: options } = parseArgs({
  options: { hostname: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '3200' } },
});
const trustedProxies = (process.env.PORTAL_TRUSTED_PROXIES ?? '')
  .split(',')
  .map((entry) => entry.trim())
  .filter(Boolean);
const isTrusted = proxyAddr.compile(trustedProxies);

const app = next({
  dev: false,
  dir: import.meta.dirname,
  hostname: options.hostname,
  port: Number(options.port),
});
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  const client = proxyAddr(request, isTrusted);
  if (!isTrusted(request.socket.remoteAddress ?? '', 0)) {
    delete request.headers['x-forwarded-proto'];
    delete request.headers['x-forwarded-host'];
    delete request.headers['x-forwarded-port'];
  }
  request.headers['x-forwarded-for'] = client;
  void handle(request, response);
})
  .on('error', (error) => {
    console.error(`the portal cannot listen on ${options.hostname}:${options.port}: ${error.message}`);
    process.exit(1);
  })
  .listen(Number(options.port), options.hostname, () => {
    console.log(`the portal is listening on http://${options.hostname}:${options.port}`);
  });
