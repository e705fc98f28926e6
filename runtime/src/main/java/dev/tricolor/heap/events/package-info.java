/**
 * Runtime events ({@link dev.tricolor.heap.events.RuntimeEvent}: alloc, free, collect phases,
 * out of memory, bounds, abort). In guest mode {@link dev.tricolor.heap.events.GuestRuntimeEvents}
 * probes the runtime's functions for the {@link dev.tricolor.heap.events.EventKind}s enabled and
 * calls a {@link dev.tricolor.heap.events.RuntimeEventListener} on the program thread; a debugger's
 * stop listener passes intercepted traps to {@link dev.tricolor.heap.events.TrapEvents#classify}
 * for the out-of-memory, bounds and abort readings. The host runtime emits the same records.
 */
package dev.tricolor.heap.events;
