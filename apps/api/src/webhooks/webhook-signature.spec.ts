import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test';
const body = '{"type":"call.shutdown"}';
const at = new Date('2026-12-06T10:00:00Z');

describe('webhook signatures', () => {
  it('signs the time and the body with HMAC-SHA256', () => {
    // echo -n '1796551200.{"type":"call.shutdown"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhook(secret, body, at)).toBe(
      't=1796551200,v1=f1a3f8826ca98be87d0a7cd00bbb12b45283bb60be04cc9ef5a32e3070cc1e32',
    );
    expect(verifyWebhookSignature(signWebhook(secret, body, at), secret, body, at)).toBe(true);
  });

  it('refuses another body, another secret, an old signature or a malformed header', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(header, secret, `${body} `, at)).toBe(false);
    expect(verifyWebhookSignature(header, 'whsec_other', body, at)).toBe(false);
    expect(verifyWebhookSignature(header, secret, body, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature('v1=abc', secret, body, at)).toBe(false);
    expect(verifyWebhookSignature('t=1796551200,v1=zz', secret, body, at)).toBe(false);
  });
});
