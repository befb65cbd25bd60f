/** Polls `url` until it answers 200, or fails after `timeoutMs` naming what did not come up. */
export async function waitForHttp(url: string, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not answer 200 at ${url} within ${Math.round(timeoutMs / 1000)} s`);
}
