// Talk datagrams as the properties build and read them: the CTL_MSG and CTL_RESPONSE
// layouts of <protocols/talkd.h> (old talk on 517, ntalk/ntalk2 on 518), written here
// from the header on their own so the arbitraries do not lean on either model.

export type TalkFlavour = "talk" | "ntalk" | "ntalk2";

export const SOCKADDR_SIZE = 16;
export const AF_INET = 2;

export interface SockAddr {
  family: number;
  port: number;
  /** 4 bytes, network order. */
  ip: readonly number[];
}

/** Where each layout keeps its fields: [ctl_msg, ctl_response]. */
export const LAYOUT = {
  talk: {
    message: { size: 76, type: 0, addr: 44, ctlAddr: 60 },
    answer: { size: 24, type: 0, answer: 1, addr: 8 },
  },
  ntalk: {
    message: { size: 84, type: 1, addr: 8, ctlAddr: 24 },
    answer: { size: 24, type: 1, answer: 2, addr: 8 },
  },
  ntalk2: {
    message: { size: 84, type: 1, addr: 8, ctlAddr: 24 },
    answer: { size: 36, type: 1, answer: 2, addr: 8 },
  },
} as const;

export const VERSION: Record<TalkFlavour, number | null> = { talk: null, ntalk: 1, ntalk2: 2 };

export function sockaddrBytes(addr: SockAddr, junk = 0): Uint8Array {
  const out = new Uint8Array(SOCKADDR_SIZE);
  out.set([addr.family >> 8, addr.family & 0xff, addr.port >> 8, addr.port & 0xff, ...addr.ip]);
  out.fill(junk, 8);
  return out;
}

export interface MessageFields {
  flavour: TalkFlavour;
  /** Overrides the flavour's version byte (wrong versions). */
  version?: number;
  type: number;
  idNum: number;
  addr: SockAddr;
  ctlAddr: SockAddr;
  pid: number;
  callerName: string;
  calleeName: string;
  tty: string;
  /** ntalk2 only: the extension bytes the `extended` count announces. */
  extension?: Uint8Array;
}

function putText(out: Uint8Array, at: number, size: number, text: string): void {
  for (let i = 0; i < Math.min(size, text.length); i++) out[at + i] = text.charCodeAt(i) & 0xff;
}

function putU32(out: Uint8Array, at: number, n: number): void {
  out.set([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], at);
}

/** A CTL_MSG: struct talk_msg on 517, ntalk_msg/ntalk2_msg on 518. */
export function messageBytes(m: MessageFields): Uint8Array {
  const layout = LAYOUT[m.flavour].message;
  const extension = m.flavour === "ntalk2" ? (m.extension ?? new Uint8Array()) : new Uint8Array();
  const out = new Uint8Array(layout.size + extension.length);
  out.set(sockaddrBytes(m.addr), layout.addr);
  out.set(sockaddrBytes(m.ctlAddr), layout.ctlAddr);
  if (m.flavour === "talk") {
    out[0] = m.type;
    putText(out, 1, 9, m.callerName);
    putText(out, 10, 9, m.calleeName);
    putU32(out, 20, m.idNum);
    putU32(out, 24, m.pid);
    putText(out, 28, 16, m.tty);
  } else {
    out.set([m.version ?? (VERSION[m.flavour] as number), m.type, 0, extension.length]);
    putU32(out, 4, m.idNum);
    putU32(out, 40, m.pid);
    putText(out, 44, 12, m.callerName);
    putText(out, 56, 12, m.calleeName);
    putText(out, 68, 16, m.tty);
    out.set(extension, layout.size);
  }
  return out;
}

export interface AnswerFields {
  flavour: TalkFlavour;
  version?: number;
  type: number;
  answer: number;
  idNum: number;
  addr: SockAddr;
  /** ntalk2 only: bytes after r_name (the helper takes any length from 36 on). */
  tail?: Uint8Array;
}

/** A CTL_RESPONSE: struct talk_response on 517, ntalk_response/ntalk2_response on 518. */
export function answerBytes(a: AnswerFields): Uint8Array {
  const layout = LAYOUT[a.flavour].answer;
  const tail = a.flavour === "ntalk2" ? (a.tail ?? new Uint8Array()) : new Uint8Array();
  const out = new Uint8Array(layout.size + tail.length);
  if (a.flavour === "talk") out.set([a.type, a.answer]);
  else out.set([a.version ?? (VERSION[a.flavour] as number), a.type, a.answer]);
  putU32(out, 4, a.idNum);
  out.set(sockaddrBytes(a.addr), layout.addr);
  out.set(tail, layout.size);
  return out;
}
