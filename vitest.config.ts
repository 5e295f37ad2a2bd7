import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "helpers/**/*.test.ts",
      "properties/**/*.test.ts",
      "harness/**/*.test.ts",
      "test/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
