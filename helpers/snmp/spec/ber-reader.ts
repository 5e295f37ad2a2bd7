// The spec model's own BER reading of an SNMP message, written from Linux 6.18
// lib/asn1_decoder.c and net/ipv4/netfilter/nf_nat_snmp_basic.asn1 for obviousness (not
// the fast helper's decoder). A failure is thrown as a DecodeError naming its kind and
// caught by the model; it never escapes the spec.

export class DecodeError extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

const CONS = 0x20;

/** A container being read: where its children must stay (`limit`), and, for a definite
 * length, where it ends; for an indefinite one, `end` is null and an EOC closes it. */
interface Container {
  limit: number;
  end: number | null;
}

export class SnmpReader {
  private dp = 0;
  /** Offsets of the IpAddress values, in message order. */
  readonly ipAddresses: number[] = [];

  constructor(private readonly bytes: Uint8Array) {}

  /** The decoder's tag step: 2 bytes needed; no long tag; matching per the grammar's
   * tag (constructed ⇒ the data's CONS bit is free). Returns the tag or null (no match,
   * nothing consumed). */
  private tagAt(limit: number, accepts: (tag: number) => boolean): number | null {
    if (limit - this.dp < 2) throw new DecodeError("data overrun");
    const tag = this.bytes[this.dp] as number;
    if ((tag & 0x1f) === 0x1f) throw new DecodeError("long tag");
    return accepts(tag) ? tag : null;
  }

  /** The length step after a matched tag; leaves dp at the content. */
  private lengthOf(tag: number, limit: number): number | null {
    this.dp += 1;
    const first = this.bytes[this.dp++] as number;
    if (first === 0x80) {
      if ((tag & CONS) === 0) throw new DecodeError("indefinite length on a primitive");
      if (limit - this.dp < 2) throw new DecodeError("data overrun");
      return null;
    }
    let length = first;
    if (first > 0x80) {
      const count = first - 0x80;
      if (count > 2) throw new DecodeError("length too long");
      if (count > limit - this.dp) throw new DecodeError("data overrun");
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (this.bytes[this.dp++] as number);
    }
    if (length > limit - this.dp) throw new DecodeError("data overrun");
    return length;
  }

  private static exactly(wanted: number) {
    return (tag: number) => ((wanted & CONS) !== 0 ? (tag | CONS) === wanted : tag === wanted);
  }

  private open(limit: number, wanted: number): Container {
    const tag = this.tagAt(limit, SnmpReader.exactly(wanted));
    if (tag === null) throw new DecodeError("unexpected tag");
    const length = this.lengthOf(tag, limit);
    return length === null
      ? { limit, end: null }
      : { limit: this.dp + length, end: this.dp + length };
  }

  private close(outer: number, c: Container): void {
    if (c.end !== null) {
      if (this.dp !== c.end) throw new DecodeError("cons length error");
      return;
    }
    if (outer - this.dp < 2) throw new DecodeError("data overrun");
    if (this.bytes[this.dp] !== 0) throw new DecodeError("missing EOC");
    if (this.bytes[this.dp + 1] !== 0) throw new DecodeError("invalid EOC");
    this.dp += 2;
  }

  /** A primitive element: its content's offset and length. */
  private primitive(limit: number, accepts: (tag: number) => boolean): [number, number, number] {
    const tag = this.tagAt(limit, accepts);
    if (tag === null) throw new DecodeError("unexpected tag");
    const length = this.lengthOf(tag, limit) as number;
    const at = this.dp;
    this.dp += length;
    return [tag, at, length];
  }

  message(): void {
    const outer = this.bytes.length;
    const msg = this.open(outer, 0x30);
    const [, at, length] = this.primitive(msg.limit, SnmpReader.exactly(0x02));
    if (length !== 1) throw new DecodeError("version not 1 byte");
    if ((this.bytes[at] as number) > 1) throw new DecodeError("version > 1");
    this.primitive(msg.limit, SnmpReader.exactly(0x04));
    // pdu: a CHOICE, skipped when the message has nothing left.
    if (this.dp !== msg.limit) {
      const pduTags = [0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa6, 0xa7, 0xa8];
      if (this.tagAt(msg.limit, (t) => pduTags.includes(t | CONS)) === null) {
        throw new DecodeError("unexpected tag");
      }
      const pduTag = this.bytes[this.dp] as number;
      // Measured on 6.18.44 (docs/kernel-target.md "snmp"): in a Message of indefinite
      // length only the CHOICE's last alternative, [8], decodes; [0]..[7] fail. Nested
      // indefinite lengths decode.
      if (msg.end === null && (pduTag | CONS) !== 0xa8) {
        throw new DecodeError("indefinite Message, PDU not [8]");
      }
      const pdu = this.open(msg.limit, pduTag | CONS);
      for (let i = 0; i < 3; i++) this.primitive(pdu.limit, SnmpReader.exactly(0x02));
      this.varBindList(pdu.limit);
      this.close(msg.limit, pdu);
    }
    this.close(outer, msg);
  }

  /** SEQUENCE OF VarBind: the decoder matches one element before its END_SEQ_OF asks
   * whether another follows, so an empty list is a decode error (measured on 6.18.44:
   * `conform snmp` found the kernel dropping it). */
  private varBindList(limit: number): void {
    const list = this.open(limit, 0x30);
    for (;;) {
      this.varBind(list.limit);
      if (list.end !== null) {
        if (this.dp >= list.end) break;
      } else {
        if (limit - this.dp < 2) throw new DecodeError("data overrun");
        if (this.bytes[this.dp] === 0) break;
      }
    }
    this.close(limit, list);
  }

  private varBind(limit: number): void {
    const bind = this.open(limit, 0x30);
    this.primitive(bind.limit, SnmpReader.exactly(0x06));
    if (this.dp !== bind.limit) {
      // INTEGER, OCTET STRING, OID, the APPLICATION types 0..4 and 6, NULL, [0]..[2].
      const values = [0x02, 0x04, 0x06, 0x40, 0x41, 0x42, 0x43, 0x44, 0x46, 0x05, 0x80, 0x81, 0x82];
      const [tag, at, length] = this.primitive(bind.limit, (t) => values.includes(t));
      if (tag === 0x40) {
        if (length !== 4) throw new DecodeError("IpAddress not 4 bytes");
        this.ipAddresses.push(at);
      }
    }
    this.close(limit, bind);
  }
}
