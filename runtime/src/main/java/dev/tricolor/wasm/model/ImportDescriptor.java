package dev.tricolor.wasm.model;

/** What an import brings in: a function of a type, a table, a memory or a global. */
public sealed interface ImportDescriptor
    permits FunctionImport, TableImport, MemoryImport, GlobalImport {
  ExternalKind kind();
}
