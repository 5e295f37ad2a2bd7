// Replies that make the kernel's stale region end matter under NAT: early tokens whose
// rewrite shortens the payload (leading zeros, values that wrap to fewer digits), then short
// later tokens near the end of the datagram (their 5-byte digit copy can run past it), and
// sometimes a token just after the newline (it can slide into the region: the rewrites
// before it, in the kernel's token order, must shorten the line by more than its length).

import fc from "fast-check";

const TOKENS = ["DATA", "MESG", "INDEX", "STATE"] as const;

function shrinkingPort(): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }))
      .map(([zeros, digit]) => `${"0".repeat(zeros)}${digit}`),
    fc.integer({ min: 65537, max: 75535 }).map(String),
  );
}

function tokenWith(port: fc.Arbitrary<string | number>): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...TOKENS), port).map(([token, p]) => `${token} ${p}`);
}

/** The first two or three tokens in the kernel's order, each shortened by up to 4 bytes,
 * then the newline and a later token: the region's stale end can cover it. */
function slidingTokenReply(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: 2, max: 3 }),
      fc.array(shrinkingPort(), { minLength: 3, maxLength: 3 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 99 }),
    )
    .map(([early, ports, last, port]) => {
      const line = TOKENS.slice(0, early).map((token, i) => `${token} ${ports[i]}`);
      const later = early === 3 || last ? "STATE" : "INDEX";
      return `CONNECT ${line.join(" ")}\n${later} ${port}`;
    });
}

export function staleRegionReply(): fc.Arbitrary<string> {
  return fc.oneof(shortTokensReply(), slidingTokenReply());
}

function shortTokensReply(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(tokenWith(shrinkingPort()), { minLength: 1, maxLength: 2 }),
      fc.array(tokenWith(fc.integer({ min: 1, max: 999 })), { minLength: 1, maxLength: 2 }),
      fc.option(tokenWith(fc.integer({ min: 1, max: 99 })), { nil: "" }),
    )
    .map(([shrinking, short, after]) => `CONNECT ${[...shrinking, ...short].join(" ")}\n${after}`);
}
