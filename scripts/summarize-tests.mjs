// Totals the vitest and Playwright JSON reports into the final line
// `N passed, N failed[, N skipped]` and exits non-zero when anything failed.
// A suite that crashed before reporting counts as one failure, never as a pass.
import fs from 'node:fs';

const [vitestPath, playwrightPath, buildOk] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function read(path) {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const vitest = read(vitestPath);
if (!vitest) {
  console.error('vitest wrote no report: counted as one failure');
  failed += 1;
} else {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A file that failed to load or whose hooks failed has no failed test of its own.
  for (const file of vitest.testResults ?? []) {
    const ownFailures = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (file.status === 'failed' && ownFailures === 0) {
      console.error(`suite failed outside its tests: ${file.name}: ${(file.message ?? '').split('\n')[0]}`);
      failed += 1;
    }
  }
}

if (buildOk !== '1') {
  console.error('next build failed: the end-to-end suite could not run (counted as one failure)');
  failed += 1;
} else {
  const pw = read(playwrightPath);
  if (!pw) {
    console.error('playwright wrote no report: counted as one failure');
    failed += 1;
  } else {
    passed += (pw.stats?.expected ?? 0) + (pw.stats?.flaky ?? 0);
    failed += pw.stats?.unexpected ?? 0;
    skipped += pw.stats?.skipped ?? 0;
    for (const error of pw.errors ?? []) {
      console.error(`playwright error outside a test: ${(error.message ?? '').split('\n')[0]}`);
      failed += 1;
    }
  }
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
