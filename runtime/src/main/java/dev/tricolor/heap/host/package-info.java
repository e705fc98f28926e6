/**
 * Host mode: AssemblyScript 0.28's TLSF allocator ({@link dev.tricolor.heap.host.HostTlsf}) and
 * ITCMS collector ({@link dev.tricolor.heap.host.HostItcms}) ported to Java line by line, serving
 * a program built against the project's runtime file ({@code asc --runtime rt/host}, see
 * {@code test-programs/rt/host.ts}) through the host imports of
 * {@link dev.tricolor.heap.host.HostRuntime}. They keep their structures in the program's linear
 * memory with the built-in runtime's layout ({@code heap.layout}), so the readers and the checker
 * see host mode as they see guest mode, and report the same {@code heap.events} records
 * ({@link dev.tricolor.heap.host.HostRuntimeEvents}).
 */
package dev.tricolor.heap.host;
