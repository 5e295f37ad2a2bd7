// One line per helper: its benchmark suite. A new helper adds bench/<name>.ts and a line.

import type { BenchSuite } from "./core/workload.ts";
import { ftpBenchSuite } from "./ftp.ts";

export const benchSuites: Record<string, BenchSuite> = {
  ftp: ftpBenchSuite,
};
