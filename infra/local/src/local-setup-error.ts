/** A problem of the local set-up that the person at the keyboard can fix; printed without a stack trace. */
export class LocalSetupError extends Error {
  override readonly name = 'LocalSetupError';
}
