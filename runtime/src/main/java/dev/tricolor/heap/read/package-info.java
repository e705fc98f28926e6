/**
 * Readers of a guest's heap. {@link dev.tricolor.heap.read.HeapReader#read} takes linear memory
 * (a live one or a dump), the runtime's {@link dev.tricolor.heap.read.RuntimeGlobals} and its
 * {@link dev.tricolor.heap.read.RuntimeTypes}, and returns a
 * {@link dev.tricolor.heap.read.HeapSnapshot}:
 *
 * <ul>
 *   <li>TLSF: {@code root()}, {@code blocks()} (address order, flat arrays), {@code freeLists()},
 *       {@code allocator()} (free bytes, largest free block, fragmentation);
 *   <li>ITCMS: objects {@code 0 .. objectCount()-1} on fromSpace, toSpace and pinSpace with
 *       {@code header(i)}, {@code color(i)}, {@code className(i)}; {@code spaceList(s)},
 *       {@code gc()}, {@code histogram()}; {@code objectAtPayload(p)}, {@code resolve(word)};
 *   <li>contents: {@link dev.tricolor.heap.read.ObjectDecoder#decode} (strings, buffers, arrays
 *       and typed arrays paged, Map and Set entries, plain words with references).
 * </ul>
 *
 * A snapshot reads header fields lazily from the bytes it was given: use it while the program is
 * stopped, or read from a copy. Walks are bounded and never throw on corrupt data.
 */
package dev.tricolor.heap.read;
