// CTL_RESPONSE answers as a daemon sends them: to the type the connection's helper acts on
// (most often), to the other one, or to any type; SUCCESS most often, every answer code
// 1–11 (NOT_HERE … SELECTIVE_REFUSAL) and beyond; addr naming the connection's ends,
// INADDR_ANY or a third host; ntalk2 answers of 36 bytes and longer.

import fc from "fast-check";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { renderAddress, talkAddress } from "./talk-address.ts";
import { answerBytes } from "./talk-bytes.ts";
import { flavourOn, ntalkFlavour, ownType } from "./talk-flavour.ts";

export type AnswerType = "own" | "other" | number;

export interface AnswerTemplate {
  render(skeleton: FlowSkeleton): Uint8Array;
}

function answerType(): fc.Arbitrary<AnswerType> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant<AnswerType>("own") },
    { weight: 2, arbitrary: fc.constant<AnswerType>("other") },
    { weight: 1, arbitrary: fc.nat(255) },
  );
}

function answerCode(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 11 }) },
    { weight: 1, arbitrary: fc.nat(255) },
  );
}

export function typeFor(choice: AnswerType, skeleton: FlowSkeleton): number {
  const own = ownType(skeleton);
  if (choice === "own") return own;
  if (choice === "other") return own === 1 ? 3 : 1;
  return choice;
}

export function talkAnswer(): fc.Arbitrary<AnswerTemplate> {
  return fc
    .record({
      on518: ntalkFlavour(),
      type: answerType(),
      answer: answerCode(),
      idNum: fc.oneof(fc.constantFrom(0, 1, 0xffff_ffff), fc.nat()),
      addr: talkAddress(),
      tail: fc.oneof(
        { weight: 3, arbitrary: fc.constant(new Uint8Array()) },
        { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }) },
      ),
    })
    .map((fields) => ({
      render: (skeleton: FlowSkeleton) =>
        answerBytes({
          ...fields,
          flavour: flavourOn(skeleton, fields.on518),
          type: typeFor(fields.type, skeleton),
          addr: renderAddress(fields.addr, skeleton),
        }),
    }));
}
