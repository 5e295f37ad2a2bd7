// Pairs what one side of a box received with what the other side shows it sent, for one
// direction of one connection. A box forwards a direction first in, first out, and may
// drop some segments, so the pairing keeps order. The segments that agree exactly (same
// key: stream offset and bytes) anchor it, as a longest common subsequence; between two
// anchors the rest pair in order, so a segment whose bytes or seq differ still finds its
// counterpart and the difference is reported on it, not as one missing and one extra.

export interface AlignItem {
  /** Equal keys may anchor; null never does (a segment expected to be dropped). */
  key: string | null;
  /** May have no counterpart (expected to be dropped). */
  optional?: boolean;
}

/** Above this many cells the anchors are not searched (memory): everything pairs in order. */
const MAX_TABLE_CELLS = 4_000_000;

/** For each expected item, the index of its observed counterpart, or null. */
export function alignSegments(
  expected: readonly AlignItem[],
  observed: readonly AlignItem[],
): (number | null)[] {
  const pairs: (number | null)[] = expected.map(() => null);
  let e = 0;
  let o = 0;
  for (const [anchorE, anchorO] of [
    ...anchorsOf(expected, observed),
    [expected.length, observed.length],
  ]) {
    pairInOrder(expected, e, anchorE, o, anchorO, pairs);
    if (anchorE < expected.length) pairs[anchorE] = anchorO;
    e = anchorE + 1;
    o = anchorO + 1;
  }
  return pairs;
}

/** The pairs of a longest common subsequence of keys, in order. */
function anchorsOf(
  expected: readonly AlignItem[],
  observed: readonly AlignItem[],
): [number, number][] {
  const n = expected.length;
  const m = observed.length;
  if ((n + 1) * (m + 1) > MAX_TABLE_CELLS) return [];
  const same = (i: number, j: number) =>
    expected[i].key !== null && expected[i].key === observed[j].key;
  // length[i][j]: LCS of expected[i..] and observed[j..].
  const width = m + 1;
  const length = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      length[i * width + j] = same(i, j)
        ? length[(i + 1) * width + j + 1] + 1
        : Math.max(length[(i + 1) * width + j], length[i * width + j + 1]);
    }
  }
  const anchors: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (same(i, j) && length[i * width + j] === length[(i + 1) * width + j + 1] + 1) {
      anchors.push([i, j]);
      i++;
      j++;
    } else if (length[(i + 1) * width + j] >= length[i * width + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return anchors;
}

/** Between two anchors: when the box sent as many as were expected to get through, those
 * pair; when it sent more, the ones expected to be dropped take part too. */
function pairInOrder(
  expected: readonly AlignItem[],
  eFrom: number,
  eTo: number,
  oFrom: number,
  oTo: number,
  pairs: (number | null)[],
): void {
  const all: number[] = [];
  for (let i = eFrom; i < eTo; i++) all.push(i);
  const required = all.filter((i) => !expected[i].optional);
  const seen = oTo - oFrom;
  const candidates = seen <= required.length ? required : all;
  for (let k = 0; k < Math.min(seen, candidates.length); k++) pairs[candidates[k]] = oFrom + k;
}
