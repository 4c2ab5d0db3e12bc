/**
 * Jest's order of test files: the longest first, so that neither worker is
 * left alone with a minute-long file at the end of the run. Jest knows the
 * durations only from its cache of an earlier run; a fresh clone (CI) has
 * none, and jest then orders by file size, which put the process and fault
 * suites (short files, a minute or more each: they start whole processes) at
 * the end. Without a cached duration a file gets the one measured here, or
 * else an estimate from its size. Files that failed last time still go first.
 */
import TestSequencer from '@jest/test-sequencer';

/** Seconds each took on a two-core machine (2026-12-04), for the files of 20 s or more. */
const MEASURED = {
  'test/platform/processes.e2e-spec.ts': 96,
  'test/followup/faults.e2e-spec.ts': 64,
  'test/access/audit-checkpoints.e2e-spec.ts': 59,
  'test/access/access-matrix.e2e-spec.ts': 57,
  'test/contract/fuzz.e2e-spec.ts': 47,
  'test/access/audit-roles.e2e-spec.ts': 24,
  'test/followup/followup.e2e-spec.ts': 20,
};

/** About a second for every 1.5 kB of test code, besides the ~3 s every file spends loading the app. */
const estimate = (bytes) => 3 + bytes / 1500;

const Base = TestSequencer.default ?? TestSequencer;

export default class SlowestFirst extends Base {
  time(test) {
    const cached = super.time(test);
    if (cached != null) return cached;
    const relative = test.path.slice(test.context.config.rootDir.length + 1);
    return 1000 * (MEASURED[relative] ?? estimate(test.context.hasteFS.getSize(test.path) ?? 0));
  }
}
