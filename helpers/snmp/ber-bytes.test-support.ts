// BER bytes for the snmp tests (short-form lengths only): a TLV and the pieces of a message.

export function tlv(tag: number, ...content: number[][]): number[] {
  const body = content.flat();
  return [tag, body.length, ...body];
}
export const int = (v: number) => tlv(0x02, [v]);
export const bind = (value: number[]) => tlv(0x30, tlv(0x06, [0x2b, 6, 1]), value);
export const ip = (a: number[]) => tlv(0x40, a);
