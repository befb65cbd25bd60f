import { ConfigError } from '@tollgate/config';
import { LocalSetupError } from './local-setup-error';
import { generateSdk } from './generate-sdk';
import { runTests } from './run-tests';
import { startPlatform } from './start-platform';

const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'start':
      return startPlatform();
    case 'test':
      return runTests(rest);
    case 'generate-sdk':
      return generateSdk();
    default:
      throw new LocalSetupError(`unknown command "${command}": use start, test or generate-sdk`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof LocalSetupError || error instanceof ConfigError;
    console.error(`\n✖ ${known ? (error as Error).message : (error as Error).stack}\n`);
    process.exit(1);
  },
);
