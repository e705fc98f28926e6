// Tricolor's host runtime for AssemblyScript 0.28: the program's allocator and collector run in
// Java (dev.tricolor.heap.host), on this module's linear memory, with exactly the layout and the
// algorithms of std/assembly/rt/tlsf.ts and itcms.ts. Build a program against it with
//
//   asc program.ts --runtime rt/host ...      (the path without ".ts": asc appends it)
//
// and run it in Tricolor with the launch argument `"runtime": "host"`.
//
// The runtime interface the compiler and the standard library call (__alloc ... __collect) is
// imported from the host module "tricolor"; asc imports only the functions a program uses. The
// host collector needs what ITCMS's visitRoots and visitStack use, which only compiled code can
// reach: the compiler-generated visitors and a few compiler globals. They are exported here under
// names starting with "__tricolor_". Everything else (the TLSF root, the object headers, the GC
// lists) lives in linear memory exactly where the built-in runtime puts it, so the heap readers
// read both kinds of build the same way.
//
//   export                        what the host collector does with it
//   __tricolor_visit_globals(c)   __visit_globals: __visit every managed global (visitRoots)
//   __tricolor_visit_members(p,c) __visit_members: __visit every reference an object holds
//   __tricolor_stack_pointer()    __stack_pointer: the shadow stack's top (visitStack scans
//                                 [__stack_pointer, __heap_base) for roots)
//   __tricolor_heap_base()        __heap_base: the TLSF root goes there, rounded up to 16
//   __tricolor_data_end()         __data_end: end of static data
//   __tricolor_rtti_base()        __rtti_base: the class flags (POINTERFREE, ...) per runtime id
//   __tricolor_spaces()           three 20-byte list heads in static data, as itcms.ts keeps
//                                 fromSpace, toSpace and pinSpace: +0, +20, +40
//   __tricolor_finalize(p)        calls the program's __finalize, when it defines one, before the
//                                 collector frees an object (__tricolor_finalizes says whether)

// ╒═══════════ Static data of this file: the three ITCMS list heads ═══════════╕
//   spaces + 0    fromSpace head   (an Object header: mmInfo, nextWithColor, prev, rtId, rtSize)
//   spaces + 20   toSpace head
//   spaces + 40   pinSpace head
// Zeroed until the host collector starts: then each head's next and prev point at itself.

import { E_ALLOCATION_TOO_LARGE, E_ALREADY_PINNED, E_NOT_PINNED, E_INDEXOUTOFRANGE } from "~lib/util/error";

// The runtime interface: each function forwards to its Java twin. Upstream's runtime throws
// these error messages, which makes them globals of the program that __visit_globals then marks
// as roots (static strings, linked into the collector's lists). The Java runtime throws them
// itself, but each forwarder names the messages its upstream twin can throw, so a host build has
// the same managed globals as a built-in one, and its collector the same roots and step costs.

// @ts-ignore: decorator
@inline function throws(message: usize): void {}

// @ts-ignore: decorator
@external("tricolor", "__alloc")
declare function host_alloc(size: usize): usize;

// @ts-ignore: decorator
@global @unsafe
function __alloc(size: usize): usize {
  throws(changetype<usize>(E_ALLOCATION_TOO_LARGE)); // tlsf.ts prepareSize
  return host_alloc(size);
}

// @ts-ignore: decorator
@external("tricolor", "__realloc")
declare function host_realloc(ptr: usize, size: usize): usize;

// @ts-ignore: decorator
@global @unsafe
function __realloc(ptr: usize, size: usize): usize {
  throws(changetype<usize>(E_ALLOCATION_TOO_LARGE)); // tlsf.ts prepareSize
  return host_realloc(ptr, size);
}

// @ts-ignore: decorator
@external("tricolor", "__free")
declare function host_free(ptr: usize): void;

// @ts-ignore: decorator
@global @unsafe
function __free(ptr: usize): void {
  host_free(ptr);
}

// @ts-ignore: decorator
@external("tricolor", "__new")
declare function host_new(size: usize, id: i32): usize;

// @ts-ignore: decorator
@global @unsafe
function __new(size: usize, id: i32): usize {
  throws(changetype<usize>(E_ALLOCATION_TOO_LARGE)); // itcms.ts __new
  throws(changetype<usize>(E_INDEXOUTOFRANGE)); // rt.ts __typeinfo, through makeGray
  return host_new(size, id);
}

// @ts-ignore: decorator
@external("tricolor", "__renew")
declare function host_renew(oldPtr: usize, size: usize): usize;

// @ts-ignore: decorator
@global @unsafe
function __renew(oldPtr: usize, size: usize): usize {
  throws(changetype<usize>(E_ALLOCATION_TOO_LARGE)); // itcms.ts __new
  throws(changetype<usize>(E_INDEXOUTOFRANGE)); // rt.ts __typeinfo, through makeGray
  return host_renew(oldPtr, size);
}

// @ts-ignore: decorator
@external("tricolor", "__link")
declare function host_link(parentPtr: usize, childPtr: usize, expectMultiple: bool): void;

// @ts-ignore: decorator
@global @unsafe
function __link(parentPtr: usize, childPtr: usize, expectMultiple: bool): void {
  throws(changetype<usize>(E_INDEXOUTOFRANGE)); // rt.ts __typeinfo, through makeGray
  host_link(parentPtr, childPtr, expectMultiple);
}

// @ts-ignore: decorator
@external("tricolor", "__visit")
declare function host_visit(ptr: usize, cookie: i32): void;

// @ts-ignore: decorator
@global @unsafe
function __visit(ptr: usize, cookie: i32): void {
  throws(changetype<usize>(E_INDEXOUTOFRANGE)); // rt.ts __typeinfo, through makeGray
  host_visit(ptr, cookie);
}

// @ts-ignore: decorator
@external("tricolor", "__pin")
declare function host_pin(ptr: usize): usize;

// @ts-ignore: decorator
@global @unsafe
function __pin(ptr: usize): usize {
  throws(changetype<usize>(E_ALREADY_PINNED)); // itcms.ts __pin
  return host_pin(ptr);
}

// @ts-ignore: decorator
@external("tricolor", "__unpin")
declare function host_unpin(ptr: usize): void;

// @ts-ignore: decorator
@global @unsafe
function __unpin(ptr: usize): void {
  throws(changetype<usize>(E_NOT_PINNED)); // itcms.ts __unpin
  throws(changetype<usize>(E_INDEXOUTOFRANGE)); // rt.ts __typeinfo, through makeGray
  host_unpin(ptr);
}

// @ts-ignore: decorator
@external("tricolor", "__collect")
declare function host_collect(): void;

// @ts-ignore: decorator
@global @unsafe
function __collect(): void {
  throws(changetype<usize>(E_INDEXOUTOFRANGE)); // rt.ts __typeinfo, through makeGray
  host_collect();
}

// What the host collector reads from the program.

export function __tricolor_visit_globals(cookie: u32): void {
  __visit_globals(cookie);
}

export function __tricolor_visit_members(ptr: usize, cookie: u32): void {
  __visit_members(ptr, cookie);
}

export function __tricolor_stack_pointer(): usize {
  return __stack_pointer;
}

export function __tricolor_heap_base(): usize {
  return __heap_base;
}

export function __tricolor_data_end(): usize {
  return __data_end;
}

export function __tricolor_rtti_base(): usize {
  return __rtti_base;
}

export function __tricolor_spaces(): usize {
  return memory.data(60, 16);
}

export const __tricolor_finalizes: bool = isDefined(__finalize);

export function __tricolor_finalize(ptr: usize): void {
  if (isDefined(__finalize)) {
    // @ts-ignore: defined by the program when isDefined says so
    __finalize(ptr);
  }
}
