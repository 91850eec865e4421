#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ can keep compiled code between runs: a second `npm create` in a workshop starts faster.
module.enableCompileCache?.();
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
