// A planted slowdown for checking the gate: the same helper doing `fraction` more work per
// packet. Packets are processed a second time, spread evenly (an error accumulator, not
// runs of 30 in 100) so that every timed batch carries its share of the extra work. The
// helper is idempotent on an immediate repeat (same tracked position, an identical
// expectation replaces itself), so verdicts, bytes and the live expectations are
// unchanged; only time is added.

import type { HelperDefinition } from "../../helpers/core/helper.ts";

export function slowedHelper(helper: HelperDefinition, fraction: number): HelperDefinition {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError("fraction must be in (0, 1]");
  let owed = 0;
  return {
    ...helper,
    process(connection, packet) {
      const result = helper.process(connection, packet);
      owed += fraction;
      if (owed >= 1) {
        owed -= 1;
        helper.process(connection, packet);
      }
      return result;
    },
  };
}
