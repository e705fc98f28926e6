/**
 * AssemblyScript 0.28's heap, read in place from a guest's linear memory (layer 2 of the
 * architecture). Packages, bottom up:
 *
 * <ul>
 *   <li>{@code heap.layout}: the runtime's layout written once (TLSF root and blocks, the object
 *       header, ITCMS colors and states, RTTI flags, std collection fields), upstream names.
 *   <li>{@code heap.symbols}: where the runtime lives in a module: {@code RuntimeSymbols.resolve}
 *       gives global and function indices, the abort import and class names per runtime id;
 *       {@code globals(instance)} reads the runtime's globals as a {@code RuntimeGlobals}.
 *   <li>{@code heap.read}: {@code HeapReader.read(memory, globals, types)} gives a
 *       {@code HeapSnapshot}: blocks, free lists, GC lists, objects (flat tables), summaries for
 *       the GC and Allocator views, a class histogram, and {@code ObjectDecoder} for contents.
 *   <li>{@code heap.check}: {@code HeapChecker.check(snapshot)}: findings per broken invariant.
 *   <li>{@code heap.events}: runtime events (alloc, free, collect, oom, bounds, abort) from the
 *       engine's debug probes on the runtime's functions.
 *   <li>{@code heap.host}: host mode, the same TLSF and ITCMS ported to Java ({@code HostRuntime}
 *       serves them to programs built with {@code asc --runtime rt/host}), on the same layout, so
 *       the readers above read host mode as guest mode; its events are {@code heap.events} records.
 * </ul>
 *
 * Nothing here throws or loops on corrupt guest data: walks are bounded and end with a reason.
 */
package dev.tricolor.heap;
