// Client requests. The kernel reads only 8-byte ones (RPC code + handle): START, CLOSE,
// GET_OPTION_DESCRIPTORS, GET_PARAMETERS and CANCEL are 8 bytes; the others are longer
// (INIT, OPEN, CONTROL_OPTION, AUTHORIZE) or shorter (GET_DEVICES, EXIT) and never change
// what the kernel remembers.

import fc from "fast-check";
import { concatBytes, RPC, saneString, word } from "./sane-words.ts";

const handle = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2) },
  { weight: 1, arbitrary: fc.constantFrom(0x07000000, 0xffffffff) },
  { weight: 1, arbitrary: fc.nat() },
);

/** SANE_NET_START with some handle: exactly 8 bytes. */
export function startRequest(): fc.Arbitrary<Uint8Array> {
  return handle.map((h) => concatBytes([word(RPC.START), word(h)]));
}

/** An 8-byte request that is not START: the other handle calls, and codes no client
 * sends (7 little-endian, 7 in another byte, huge). */
export function otherEightByteRequest(): fc.Arbitrary<Uint8Array> {
  const code = fc.oneof(
    fc.constantFrom(RPC.CLOSE, RPC.GET_OPTION_DESCRIPTORS, RPC.GET_PARAMETERS, RPC.CANCEL),
    fc.constantFrom(0, 1, 6, 8, 0x07000000, 0x0700, 0x070000, 0x107, 0xffffffff),
    fc.nat(),
  );
  return fc
    .tuple(code, handle)
    .filter(([c]) => c !== RPC.START)
    .map(([c, h]) => concatBytes([word(c), word(h)]));
}

/** Requests of other lengths, as real clients send them. */
export function otherLengthRequest(): fc.Arbitrary<Uint8Array> {
  const device = fc.constantFrom("", "pixma:04A9176D", "net:192.0.2.9:epson2", "test:0");
  return fc.oneof(
    fc
      .constantFrom("saned", "scanner", "")
      .map((user) => concatBytes([word(RPC.INIT), word(0x01000003), saneString(user)])),
    fc.constant(word(RPC.GET_DEVICES)),
    fc.constant(word(RPC.EXIT)),
    device.map((name) => concatBytes([word(RPC.OPEN), saneString(name)])),
    fc
      .tuple(handle, fc.nat(40), fc.nat(3))
      .map(([h, option, action]) =>
        concatBytes([
          word(RPC.CONTROL_OPTION),
          word(h),
          word(option),
          word(action),
          word(1),
          word(4),
          word(4),
          word(300),
        ]),
      ),
    device.map((resource) =>
      concatBytes([
        word(RPC.AUTHORIZE),
        saneString(resource),
        saneString("user"),
        saneString("$MD5$00"),
      ]),
    ),
  );
}

export function saneRequest(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 4, arbitrary: startRequest() },
    { weight: 2, arbitrary: otherEightByteRequest() },
    { weight: 2, arbitrary: otherLengthRequest() },
  );
}
