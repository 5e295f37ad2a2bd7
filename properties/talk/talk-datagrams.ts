// A talk exchange on one control tuple: requests from the client, answers from the
// daemon, and now and then a datagram in the wrong direction or an odd one.

import fc from "fast-check";
import type { Dir } from "../../helpers/core/model.ts";
import type { LineTemplate } from "../core/dialogue-flow.ts";
import { talkAnswer } from "./talk-answer.ts";
import { talkOddDatagram } from "./talk-odd-datagram.ts";
import { talkRequest } from "./talk-request.ts";

const towards =
  (dir: Dir) =>
  (template: { render: LineTemplate["render"] }): LineTemplate => ({
    dir,
    render: template.render,
  });

export function talkDatagram(): fc.Arbitrary<LineTemplate> {
  return fc.oneof(
    { weight: 4, arbitrary: talkRequest().map(towards("orig")) },
    { weight: 5, arbitrary: talkAnswer().map(towards("reply")) },
    { weight: 1, arbitrary: talkAnswer().map(towards("orig")) },
    { weight: 1, arbitrary: talkRequest().map(towards("reply")) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom<Dir>("orig", "reply"), talkOddDatagram())
        .map(([dir, odd]) => towards(dir)(odd)),
    },
  );
}

export function talkDatagrams(): fc.Arbitrary<LineTemplate[]> {
  return fc.array(talkDatagram(), { maxLength: 6 });
}
