// A SANE control connection as exchanges: mostly a request and its reply, START among
// them; sometimes START answered by an authorization round, a reply with no request, a
// request with no reply, the server sending request bytes, or odd bytes either way.

import fc from "fast-check";
import type { Dir } from "../../helpers/core/model.ts";
import { fixedLine, type LineTemplate } from "../core/dialogue-flow.ts";
import { saneOddMessage } from "./sane-odd-message.ts";
import { dataPort, otherReply, saneReply, startReply, successfulStartReply } from "./sane-reply.ts";
import {
  otherEightByteRequest,
  otherLengthRequest,
  saneRequest,
  startRequest,
} from "./sane-request.ts";
import { concatBytes, RPC, saneString, word } from "./sane-words.ts";

const orig = (bytes: Uint8Array) => fixedLine("orig", bytes);
const reply = (bytes: Uint8Array) => fixedLine("reply", bytes);

/** START, a reply asking for authorization (port 0, a resource), AUTHORIZE, its dummy
 * reply, then the real START reply: the kernel has forgotten the START by then. */
function authorizedStart(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .tuple(startRequest(), dataPort)
    .map(([start, port]) => [
      orig(start),
      reply(concatBytes([word(0), word(0), word(0x1234), saneString("pixma:04A9176D")])),
      orig(
        concatBytes([
          word(RPC.AUTHORIZE),
          saneString("pixma:04A9176D"),
          saneString("u"),
          saneString("p"),
        ]),
      ),
      reply(word(0)),
      reply(concatBytes([word(0), word(port), word(0x1234), saneString(null)])),
    ]);
}

const anyDir = fc.constantFrom<Dir>("orig", "reply");

function exchange(): fc.Arbitrary<LineTemplate[]> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(startRequest(), startReply()).map(([q, r]) => [orig(q), reply(r)]),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(startRequest(), successfulStartReply())
        .map(([q, r]) => [orig(q), reply(r)]),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.oneof(otherEightByteRequest(), otherLengthRequest()),
          fc.oneof(otherReply(), successfulStartReply()),
        )
        .map(([q, r]) => [orig(q), reply(r)]),
    },
    { weight: 1, arbitrary: authorizedStart() },
    { weight: 1, arbitrary: saneReply().map((r) => [reply(r)]) },
    { weight: 1, arbitrary: saneRequest().map((q) => [orig(q)]) },
    { weight: 1, arbitrary: startRequest().map((q) => [reply(q)]) },
    {
      weight: 1,
      arbitrary: fc.tuple(anyDir, saneOddMessage()).map(([dir, bytes]) => [fixedLine(dir, bytes)]),
    },
  );
}

export function saneDialogue(): fc.Arbitrary<LineTemplate[]> {
  return fc.array(exchange(), { maxLength: 5 }).map((exchanges) => exchanges.flat());
}
