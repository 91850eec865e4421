#!/usr/bin/env node
// The published command. Everything lives in dist/cli.js (which has its own catch-all); this only turns
// a failure to load it into one line instead of Node's stack, with the stack on request.
import module from 'node:module';

// Node 22.1+ can keep compiled code between runs: a second `npm create` in a workshop starts faster.
module.enableCompileCache?.();
try {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const verbose =
    process.argv.includes('--verbose') || /(^|[\s,])(create-apprunner-app|\*)($|[\s,])/.test(process.env.DEBUG ?? '');
  const cause = error instanceof Error ? `${error.name}: ${String(error.message).split('\n')[0]}` : String(error);
  const safe = (text) =>
    text.replace(
      // eslint-disable-next-line no-control-regex -- control characters are what it takes out
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
  process.stderr.write(
    `\ncreate-apprunner-app failed unexpectedly: ${safe(cause)}\n` +
      'This is a bug in create-apprunner-app, please report it (with this message and the command you ran).\n' +
      (verbose && error instanceof Error ? `${safe(error.stack ?? '')}\n` : ''),
  );
  process.exitCode = 1;
}
