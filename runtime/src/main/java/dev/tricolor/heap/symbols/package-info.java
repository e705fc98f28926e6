/**
 * Where AssemblyScript's runtime lives in a module:
 * {@link dev.tricolor.heap.symbols.RuntimeSymbols#resolve} finds its globals, its functions
 * ({@link dev.tricolor.heap.symbols.RuntimeFunction}), the {@code env.abort} import and class
 * names per runtime id ({@link dev.tricolor.heap.symbols.ClassNames}); {@code globals(instance)}
 * and {@code types(memory, globals)} give the readers their inputs. -O3 builds (no name section)
 * resolve {@code __heap_base}, {@code ROOT}, {@code __rtti_base} and {@code __data_end} only, and
 * say so in {@code missing()}.
 */
package dev.tricolor.heap.symbols;
