import type { BrowserContext, Request } from 'playwright-core';

const KEPT_EVENTS = 150;

/**
 * What a browser context asked the portal for and how each request ended, its navigations, console
 * errors and page errors, and the requests still unanswered: printed when a test fails, so that a
 * failure on a loaded CI machine can be read afterwards.
 */
export class BrowserTrace {
  private readonly events: string[] = [];
  private readonly pending = new Map<Request, number>();
  private readonly started = Date.now();

  async follow(context: BrowserContext): Promise<void> {
    context.on('request', (request) => {
      this.pending.set(request, Date.now());
      if (isNoteworthy(request))
        this.note(`→ ${request.method()} ${request.url()} ${kindOf(request)}`.trimEnd());
    });
    context.on('requestfinished', (request) => {
      this.pending.delete(request);
      if (isNoteworthy(request)) this.note(`✓ ${request.method()} ${request.url()}`);
    });
    context.on('requestfailed', (request) => {
      this.pending.delete(request);
      // Chromium reports a response whose body the page stopped reading (React's flight streams) as
      // aborted: noted, but it is not an error by itself.
      this.note(`✗ ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
    });
    context.on('response', (response) => {
      if (isNoteworthy(response.request()) || response.status() >= 400)
        this.note(`← ${response.status()} ${response.url()}`);
    });
    context.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        this.note(`console.${message.type()}: ${message.text()}`);
    });
    context.on('weberror', (error) => this.note(`page error: ${error.error().message}`));
    context.on('page', (page) =>
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) this.note(`at ${frame.url()}`);
      }),
    );
  }

  /** The events (oldest first) and what is still unanswered. */
  report(): string[] {
    const now = Date.now();
    const unanswered = [...this.pending].map(
      ([request, since]) =>
        `  ${request.method()} ${request.url()} ${kindOf(request)} (for ${((now - since) / 1000).toFixed(1)} s)`,
    );
    return [...this.events, unanswered.length ? 'unanswered:' : 'no request unanswered', ...unanswered];
  }

  clear(): void {
    this.events.length = 0;
  }

  private note(line: string): void {
    this.events.push(`${((Date.now() - this.started) / 1000).toFixed(2).padStart(7)} s  ${line}`);
    if (this.events.length > KEPT_EVENTS) this.events.shift();
  }
}

const isNoteworthy = (request: Request) => !request.url().includes('/_next/static/');

function kindOf(request: Request): string {
  const headers = request.headers();
  if (headers['next-action']) return 'server action';
  if (headers['next-router-prefetch']) return 'prefetch';
  return headers.rsc ? 'navigation' : '';
}
