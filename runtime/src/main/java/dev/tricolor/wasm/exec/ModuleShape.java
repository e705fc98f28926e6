package dev.tricolor.wasm.exec;

/**
 * What the {@link Translator} needs to know about a module beyond a function's own bytes: how many
 * values each type takes and returns, each function's type, and which functions are imports.
 *
 * @param typeParams values each type index takes
 * @param typeResults values each type index returns
 * @param funcTypes the type index of every function, imports first
 * @param importedFunctions how many of the functions are imports
 */
public record ModuleShape(
    int[] typeParams, int[] typeResults, int[] funcTypes, int importedFunctions) {}
