// The tokens the Amanda helper looks for, in the kernel's search order. Each is searched
// once (its first occurrence in the region), wherever it stands in the text.

const encode = (text: string) => new TextEncoder().encode(text);

export const PORT_TOKENS: readonly Uint8Array[] = ["DATA ", "MESG ", "INDEX ", "STATE "].map(
  encode,
);
