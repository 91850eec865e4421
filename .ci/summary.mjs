// Reads vitest's JSON report and prints the closing line "N passed, N failed, N skipped". Exits 1 when a
// test failed, when the report is missing, or when a test was skipped that .ci/skips-allowed does not
// list with a cause: in CI every toolchain is installed, so a skip means a test that could not fail.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [reportFile, allowFile] = process.argv.slice(2);

function allowList() {
  const allowed = new Map();
  for (const line of readFileSync(allowFile, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [id, cause] = line.split(' -- ');
    allowed.set(id.trim(), cause?.trim() ?? '');
  }
  return allowed;
}

let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch {
  console.log('0 passed, 1 failed, 0 skipped'); // no report: the run broke before or outside the tests
  process.exit(1);
}

const allowed = allowList();
const skipped = report.testResults.flatMap((file) =>
  file.assertionResults
    .filter((t) => ['skipped', 'pending', 'todo'].includes(t.status))
    .map((t) => [relative(process.cwd(), file.name), ...t.ancestorTitles, t.title].join(' > ')),
);
const unexplained = skipped.filter((id) => !allowed.get(id));
for (const id of unexplained) console.log(`skipped, and not allowed with a cause in ${allowFile}: ${id}`);
for (const [id, cause] of allowed) if (!cause) console.log(`${allowFile}: no cause given for ${id}`);
const noCause = [...allowed.values()].some((cause) => !cause);

const failed =
  report.numFailedTests +
  (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
const failedAll = failed + unexplained.length + (noCause ? 1 : 0);
console.log(`${report.numPassedTests} passed, ${failedAll} failed, ${skipped.length} skipped`);
process.exit(failedAll > 0 ? 1 : 0);
