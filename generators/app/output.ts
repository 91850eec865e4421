// Where the scaffold's words go: what a person asked for (files, next steps) on stdout, warnings and
// errors on stderr, so `create-apprunner-app … > log` keeps the story and the terminal keeps the problems.
export const say = (line: string) => process.stdout.write(`${line}\n`);
export const warn = (line: string) => process.stderr.write(`${line}\n`);
