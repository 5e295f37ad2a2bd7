// A planted slowdown for checking the gate: the same helper doing `fraction` more work per
// packet. Every k-th packet out of 100 (k < fraction·100) is processed a second time;
// the helper is idempotent on an immediate repeat (same tracked position, an identical
// expectation replaces itself), so the outcome is unchanged and only time is added.

import type { HelperDefinition } from "../../helpers/core/helper.ts";

export function slowedHelper(helper: HelperDefinition, fraction: number): HelperDefinition {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError("fraction must be in (0, 1]");
  const extraPerHundred = Math.round(fraction * 100);
  let counter = 0;
  return {
    ...helper,
    process(connection, packet) {
      const result = helper.process(connection, packet);
      if (++counter === 100) counter = 0;
      if (counter < extraPerHundred) helper.process(connection, packet);
      return result;
    },
  };
}
