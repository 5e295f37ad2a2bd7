import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // An example written as an author writes it imports "helperfuzz": here, the sources.
  resolve: {
    alias: [
      { find: /^helperfuzz$/, replacement: fileURLToPath(new URL("index.ts", import.meta.url)) },
      {
        find: /^helperfuzz\/vitest$/,
        replacement: fileURLToPath(new URL("vitest.ts", import.meta.url)),
      },
    ],
  },
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
