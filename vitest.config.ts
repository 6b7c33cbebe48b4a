import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          // Real `go build`s of several targets: slow on two cores, never mocked.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // One file at a time: each already runs go builds on every core.
          fileParallelism: false,
        },
      },
    ],
  },
});
