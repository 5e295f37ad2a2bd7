// A target whose run() and trace() go through `around` (to watch what they throw, or to
// refuse to start once the campaign is stopping); everything else the target offers passes
// through unchanged, so properties see the same target.

import type { SyncTarget } from "./property.ts";

export function aroundRuns<T extends SyncTarget>(target: T, around: <R>(call: () => R) => R): T {
  return new Proxy(target, {
    get(inner, key) {
      const value = Reflect.get(inner, key, inner);
      if (typeof value !== "function") return value;
      if (key === "run" || key === "trace") {
        return (...args: unknown[]) => around(() => value.apply(inner, args));
      }
      return value.bind(inner);
    },
  });
}
