/**
 * AssemblyScript 0.28's runtime layout, written once with upstream names and diagrams:
 * {@link dev.tricolor.heap.layout.Common} (rt/common.ts: block and object header),
 * {@link dev.tricolor.heap.layout.Tlsf} (rt/tlsf.ts: tags, size classes, root, the (fl, sl)
 * mapping, {@code roundSize}, {@code computeSize}), {@link dev.tricolor.heap.layout.Itcms}
 * (rt/itcms.ts: colors, states, pacing), {@link dev.tricolor.heap.layout.Typeinfo} (RTTI flags),
 * {@link dev.tricolor.heap.layout.StdLayout} (fields of Array, typed arrays, Map, Set). The
 * readers and the Java TLSF/ITCMS of the host runtime share these.
 */
package dev.tricolor.heap.layout;
