/**
 * Engine-level debugging: probes, stepping, pause, terminate, data watchpoints and trap
 * interception over one {@link dev.tricolor.wasm.exec.Store}. Everything here runs on the
 * program thread through {@link dev.tricolor.wasm.debug.StopListener}s, which may block there
 * (a debug adapter parks the program thread while the user looks around) and answer how to go
 * on with a {@link dev.tricolor.wasm.debug.Resume}.
 *
 * <pre>{@code
 * Store store = new Store();
 * Instance instance = Instance.instantiate(store, module, new AscHost().imports(store));
 * Debugger debugger = Debugger.attach(store);
 *
 * // The user's debugger: steps, pauses and traps come here.
 * debugger.setStopListener((stop, state) -> {
 *   Frame top = state.top();                 // function index, code offset, locals, operands
 *   show(stop, top.functionIndex(), top.codeOffset(), top.local(0));
 *   return waitForUser();                    // CONTINUE, STEP_IN, STEP_OVER, STEP_OUT, TERMINATE
 * });
 * debugger.breakAt(instance, 0x1f3, debugger.stopListener());   // a byte offset in the file
 * debugger.stopAtNextInstruction();          // stop on entry
 *
 * // Another client (the heap-events layer): allocation sizes and the addresses returned.
 * GuestFunction newFn = ...;                 // ~lib/rt/itcms/__new, found by name
 * debugger.onEntry(newFn, (stop, state) -> {
 *   recordSize(state.top().local(0));
 *   return Resume.CONTINUE;
 * });
 * debugger.onExit(newFn, (stop, state) -> {
 *   recordAddress(((Stop.FunctionExiting) stop).results()[0]);
 *   return Resume.CONTINUE;
 * });
 *
 * debugger.watch(instance, 0x8840, 4, debugger.stopListener());   // stop after writes
 * new Thread(() -> instance.call("main")).start();
 * debugger.requestPause();                   // from any thread; stops even an endless loop
 * }</pre>
 *
 * <p>Costs: a probe replaces one instruction of the internal code with a BREAK (the original is
 * kept aside); the interpreter compares each opcode with BREAK before dispatching it (one
 * well-predicted branch) and reads a volatile interrupt flag at loop back-edges and calls.
 * Stepping in, a pending pause and watchpoints switch every function to its stepping code
 * (BREAK before each instruction) only while they are active; a step over or out switches only
 * the functions on the stack, so the calls it steps over run at full speed. Instruction steps move by internal
 * instruction: a few neighbouring instructions run as one (local.get + local.get,
 * local.get/global.get + i32.const (+ i32.add/sub (+ global.set of the same global)),
 * local.get + load, (global.get +) local.get + store, i32.eqz or an i32 comparison + branch); a
 * breakpoint on a later one of such a group stops before the group, and a trap inside one names
 * the load or store that trapped. Host functions' own memory writes are not seen by watchpoints.
 */
package dev.tricolor.wasm.debug;
