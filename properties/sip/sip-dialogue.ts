// Whole SIP exchanges as lines of a dialogue (one message per line, rendered once the
// connection is known): registrations with their answers, calls (INVITE, provisional and
// final answers with SDP, ACK, BYE), a phone using one port for signalling and media, and
// free mixes of requests and responses either way.

import fc from "fast-check";
import type { Dir } from "../../helpers/core/model.ts";
import { asciiBytes, type LineTemplate } from "../core/dialogue-flow.ts";
import { registration, sharedPortCall } from "./shared-port-call.ts";
import { malformation } from "./sip-malformed.ts";
import { renderMessage, type SipMessage } from "./sip-message.ts";
import { requestCseq, sipRequest } from "./sip-request.ts";
import { RESPONSE_METHOD, responseCseq, sipResponse } from "./sip-response.ts";
import { sipView } from "./sip-view.ts";

export function messageLine(
  dir: Dir,
  message: SipMessage,
  damage?: (text: string) => string,
): LineTemplate {
  return {
    dir,
    render: (skeleton) => {
      const text = renderMessage(message, sipView(skeleton, dir));
      return asciiBytes(damage ? damage(text) : text);
    },
  };
}

const DIR = fc.oneof({ weight: 3, arbitrary: fc.constant<Dir>("orig") }, fc.constant<Dir>("reply"));

/** A message in either direction, now and then damaged. */
export function sipLine(): fc.Arbitrary<LineTemplate> {
  return fc
    .tuple(
      DIR,
      fc.oneof({ weight: 3, arbitrary: sipRequest() }, { weight: 2, arbitrary: sipResponse() }),
      fc.option(malformation(), { freq: 16 }),
    )
    .map(([dir, message, damage]) => messageLine(dir, message, damage ?? undefined));
}

/** A request and 0–3 responses, which mostly answer its method and CSeq. */
function answered(method: string): fc.Arbitrary<LineTemplate[]> {
  return fc
    .constantFrom("1", "2", "20")
    .chain((cseq) => {
      const response = sipResponse({
        method: fc.oneof({ weight: 3, arbitrary: fc.constant(method) }, RESPONSE_METHOD),
        cseq: fc.oneof({ weight: 3, arbitrary: fc.constant(cseq) }, responseCseq()),
      });
      return fc.tuple(
        sipRequest(fc.constant(method), requestCseq(fc.constant(cseq))),
        fc.array(response, { minLength: 0, maxLength: 3 }),
        fc.boolean(),
      );
    })
    .map(([request, responses, swap]) => {
      const [ask, answer]: Dir[] = swap ? ["reply", "orig"] : ["orig", "reply"];
      return [messageLine(ask, request), ...responses.map((r) => messageLine(answer, r))];
    });
}

/** REGISTER and its answers, a call, a phone registering and calling on one port, a
 * registration the registrar confirms, or 1–6 free lines; sometimes several in sequence. */
export function sipDialogue(): fc.Arbitrary<LineTemplate[]> {
  const exchange = fc.oneof(
    { weight: 3, arbitrary: answered("REGISTER") },
    { weight: 3, arbitrary: answered("INVITE") },
    { weight: 1, arbitrary: fc.constantFrom("UPDATE", "PRACK", "ACK", "BYE").chain(answered) },
    { weight: 2, arbitrary: fc.array(sipLine(), { minLength: 1, maxLength: 6 }) },
    { weight: 2, arbitrary: sharedPortCall() },
    { weight: 1, arbitrary: registration() },
  );
  return fc.array(exchange, { minLength: 1, maxLength: 3 }).map((parts) => parts.flat());
}
