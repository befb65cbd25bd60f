import { createHash, randomInt } from 'node:crypto';

/** What Kamailio's auth_db checks a line's digest responses against: no password is ever stored. */
export interface DigestCredentials {
  ha1: string;
  ha1b: string;
}

/**
 * With `calculate_ha1 = 0`, Kamailio's auth_db reads precomputed HA1 values instead of a password:
 * `ha1 = MD5(username:realm:password)` for phones that send the plain user part as the digest
 * username, and `ha1b = MD5(username@domain:realm:password)` for phones that send `user@domain`.
 * The realm is the SIP domain's name, so a new username or domain needs the password again.
 */
export function digestCredentials(username: string, domain: string, password: string): DigestCredentials {
  return {
    ha1: md5(`${username}:${domain}:${password}`),
    ha1b: md5(`${username}@${domain}:${domain}:${password}`),
  };
}

const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const GENERATED_PASSWORD_LENGTH = 20;

/** 20 characters from a 62-letter alphabet (about 119 bits), typed easily into any phone. */
export function generateSipPassword(): string {
  let password = '';
  for (let i = 0; i < GENERATED_PASSWORD_LENGTH; i++)
    password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
