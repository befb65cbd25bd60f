import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { LocalSetupError } from './local-setup-error';

/** Fails fast, naming the variable that moves the port, when something already listens there. */
export async function assertPortFree(port: number, variable: string, host = '127.0.0.1'): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new LocalSetupError(
      `port ${port} (${variable}) on ${host} is already in use: stop the program using it (is another npm start running? try: ss -ltnp 'sport = :${port}') or set ${variable} to a free port`,
    );
  }
}

/** The same for a UDP port (SIP). */
export async function assertUdpPortFree(port: number, variable: string, host = '127.0.0.1'): Promise<void> {
  const socket = createSocket('udp4');
  const free = await new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
  if (!free) {
    throw new LocalSetupError(
      `UDP port ${port} (${variable}) on ${host} is already in use: stop the program using it (is another Kamailio running? try: ss -lunp 'sport = :${port}') or set ${variable} to a free port`,
    );
  }
}
