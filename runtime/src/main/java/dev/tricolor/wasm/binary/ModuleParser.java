package dev.tricolor.wasm.binary;

import dev.tricolor.wasm.model.ConstExpr;
import dev.tricolor.wasm.model.CustomSection;
import dev.tricolor.wasm.model.DataSegment;
import dev.tricolor.wasm.model.ElementSegment;
import dev.tricolor.wasm.model.Export;
import dev.tricolor.wasm.model.ExternalKind;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.FunctionImport;
import dev.tricolor.wasm.model.Global;
import dev.tricolor.wasm.model.GlobalImport;
import dev.tricolor.wasm.model.GlobalType;
import dev.tricolor.wasm.model.Import;
import dev.tricolor.wasm.model.ImportDescriptor;
import dev.tricolor.wasm.model.Limits;
import dev.tricolor.wasm.model.LocalGroup;
import dev.tricolor.wasm.model.MemoryImport;
import dev.tricolor.wasm.model.MemoryType;
import dev.tricolor.wasm.model.NameSection;
import dev.tricolor.wasm.model.SegmentMode;
import dev.tricolor.wasm.model.TableImport;
import dev.tricolor.wasm.model.TableType;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the binary format into a {@link WasmModule}: the header, every standard section in
 * the required order, custom sections anywhere (the name section decoded, the others kept as
 * bytes). Function bodies are walked once, instruction by instruction, so a module that parses
 * has well-formed code throughout. Whatever is wrong with the bytes is a
 * {@link MalformedModuleException} with the spec's words, the offset and the section.
 */
public final class ModuleParser {
  private static final int MAGIC = 0x6D736100; // "\0asm" read little-endian
  private static final int VERSION = 1;
  private static final int HEADER_SIZE = 8;

  private final byte[] bytes;
  private final ByteReader in;
  private final InstructionReader instructions;

  private final List<FuncType> types = new ArrayList<>();
  private final List<Import> imports = new ArrayList<>();
  private final List<Integer> functionTypeIndices = new ArrayList<>();
  private final List<TableType> tables = new ArrayList<>();
  private final List<MemoryType> memories = new ArrayList<>();
  private final List<Global> globals = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private int startFunction = -1;
  private boolean hasStartFunction;
  private final List<ElementSegment> elements = new ArrayList<>();
  private final List<DataSegment> data = new ArrayList<>();
  private int dataCount = -1;
  private final List<FunctionBody> bodies = new ArrayList<>();
  private final List<CustomSection> customSections = new ArrayList<>();
  private NameSection names = NameSection.EMPTY;
  private final List<String> warnings = new ArrayList<>();
  private int importedFunctions;
  private int firstDataIndexUse = -1;
  private int firstDataIndexUseOpcode;

  private ModuleParser(byte[] bytes) {
    this.bytes = bytes;
    this.in = new ByteReader(bytes, 0, bytes.length);
    this.instructions = new InstructionReader(in);
  }

  /** Decodes {@code bytes}, which the module keeps (not copied): do not change them after. */
  public static WasmModule parse(byte[] bytes) {
    return new ModuleParser(bytes).module();
  }

  private WasmModule module() {
    header();
    int lastRank = 0;
    while (in.pos < bytes.length) {
      in.section = null;
      in.item = -1;
      in.inSection = false;
      in.limit = bytes.length;
      int idAt = in.pos;
      int id = in.u8();
      if (id > SectionId.DATA_COUNT) {
        throw in.error("malformed section id " + id, idAt);
      }
      int sizeAt = in.pos;
      long size = in.u32L();
      if (size > bytes.length - in.pos) {
        throw in.error(
            "length out of bounds: "
                + SectionId.name(id)
                + " of "
                + size
                + " bytes, "
                + (bytes.length - in.pos)
                + " left in the file",
            sizeAt);
      }
      int start = in.pos;
      int end = (int) (start + size);
      in.section = SectionId.name(id);
      in.inSection = true;
      if (id == SectionId.CUSTOM) {
        in.limit = end;
        customSection(start, end);
      } else {
        // As in the spec's decoder, a section's content is read on up to the end of the file
        // and its size checked afterwards, so a count or length that overruns the section is
        // told apart from a section that is merely cut short.
        in.limit = bytes.length;
        int rank = SectionId.rank(id);
        if (rank <= lastRank) {
          throw in.error(
              "unexpected content after last section: a "
                  + SectionId.name(id)
                  + " where no more may come",
              idAt);
        }
        lastRank = rank;
        section(id, end);
      }
      if (in.pos != end) {
        throw in.error(
            "section size mismatch: "
                + SectionId.name(id)
                + " declared "
                + size
                + " bytes but its content ends at 0x"
                + Integer.toHexString(in.pos),
            start);
      }
    }
    in.section = null;
    in.item = -1;
    if (functionTypeIndices.size() != bodies.size()) {
      throw in.error(
          "function and code section have inconsistent lengths: "
              + functionTypeIndices.size()
              + " functions, "
              + bodies.size()
              + " bodies",
          bytes.length);
    }
    if (firstDataIndexUse >= 0 && dataCount < 0 && !data.isEmpty()) {
      throw in.error(
          "data count section required: "
              + Opcodes.name(firstDataIndexUseOpcode)
              + " uses a data segment index but the module has no data count section",
          firstDataIndexUse);
    }
    if (dataCount >= 0 && dataCount != data.size()) {
      throw in.error(
          "data count and data section have inconsistent lengths: data count "
              + Integer.toUnsignedString(dataCount)
              + ", "
              + data.size()
              + " data segments",
          bytes.length);
    }
    return new WasmModule(
        bytes,
        types,
        imports,
        functionTypeIndices,
        tables,
        memories,
        globals,
        exports,
        hasStartFunction,
        startFunction,
        elements,
        data,
        dataCount,
        bodies,
        customSections,
        names,
        warnings);
  }

  private void header() {
    if (bytes.length < 4) {
      throw in.error("unexpected end: " + bytes.length + " bytes are no module header", bytes.length);
    }
    if (in.fixed32() != MAGIC) {
      throw in.error("magic header not detected: the file does not start with \\0asm", 0);
    }
    if (bytes.length < HEADER_SIZE) {
      throw in.error("unexpected end: the header has no complete version", bytes.length);
    }
    int version = in.fixed32();
    if (version != VERSION) {
      throw in.error("unknown binary version " + Integer.toUnsignedString(version), 4);
    }
  }

  private void section(int id, int end) {
    switch (id) {
      case SectionId.TYPE -> typeSection();
      case SectionId.IMPORT -> importSection();
      case SectionId.FUNCTION -> functionSection();
      case SectionId.TABLE -> vector("table", () -> tables.add(tableType()));
      case SectionId.MEMORY -> vector("memory", () -> memories.add(new MemoryType(limits())));
      case SectionId.GLOBAL -> vector("global", this::global);
      case SectionId.EXPORT -> vector("export", this::export);
      case SectionId.START -> {
        hasStartFunction = true;
        startFunction = in.u32();
      }
      case SectionId.ELEMENT -> vector("element segment", this::elementSegment);
      case SectionId.DATA_COUNT -> dataCount = in.u32();
      case SectionId.CODE -> codeSection();
      case SectionId.DATA -> vector("data segment", this::dataSegment);
      default -> throw new IllegalStateException("section id " + id);
    }
  }

  /** Reads a u32 count, then that many items, each with its index in messages. */
  private void vector(String itemKind, Runnable item) {
    long count = in.u32L();
    in.itemKind = itemKind;
    for (long i = 0; i < count; i++) {
      in.item = i;
      item.run();
    }
    in.item = -1;
  }

  // ---- types, imports, functions ----

  private void typeSection() {
    vector(
        "type",
        () -> {
          int at = in.pos;
          long form = in.varS(7);
          if (form != -0x20) {
            throw in.error(
                "malformed function type: form 0x" + Long.toHexString(form & 0x7F) + ", 0x60 expected",
                at);
          }
          ValType[] params = valTypes();
          ValType[] results = valTypes();
          types.add(FuncType.of(params, results));
        });
  }

  private ValType[] valTypes() {
    long n = in.u32L();
    // Never trust a count for an allocation: each type takes a byte.
    ValType[] out = new ValType[(int) Math.min(n, in.remaining())];
    int i = 0;
    for (long k = 0; k < n; k++) {
      ValType t = in.valType();
      out[i++] = t; // the read above fails before i passes remaining()
    }
    return i == out.length ? out : Arrays.copyOf(out, i);
  }

  private void importSection() {
    vector(
        "import",
        () -> {
          String module = in.name();
          String name = in.name();
          int at = in.pos;
          int kind = in.u8();
          ImportDescriptor d =
              switch (kind) {
                case 0 -> new FunctionImport(in.u32());
                case 1 -> new TableImport(tableType());
                case 2 -> new MemoryImport(new MemoryType(limits()));
                case 3 -> new GlobalImport(globalType());
                default -> throw in.error("malformed import kind 0x" + Integer.toHexString(kind), at);
              };
          if (kind == 0) {
            importedFunctions++;
          }
          imports.add(new Import(module, name, d));
        });
  }

  private void functionSection() {
    vector("function", () -> functionTypeIndices.add(in.u32()));
  }

  private TableType tableType() {
    ValType t = in.refType();
    return new TableType(t, limits());
  }

  private Limits limits() {
    long flags = in.varU(1); // 0: min only, 1: min and max; anything else "integer too large"
    long min = in.u32L();
    return flags == 1 ? new Limits(min, in.u32L()) : Limits.of(min);
  }

  private GlobalType globalType() {
    ValType t = in.valType();
    int at = in.pos;
    int mut = in.u8();
    if (mut > 1) {
      throw in.error("malformed mutability 0x" + Integer.toHexString(mut), at);
    }
    return new GlobalType(t, mut == 1);
  }

  private void global() {
    GlobalType type = globalType();
    globals.add(new Global(type, constExpr()));
  }

  private void export() {
    String name = in.name();
    int at = in.pos;
    int kind = in.u8();
    if (kind > 3) {
      throw in.error("malformed export kind 0x" + Integer.toHexString(kind), at);
    }
    exports.add(new Export(name, ExternalKind.values()[kind], in.u32()));
  }

  // ---- constant expressions ----

  /**
   * A constant expression up to and including its end. Decoded structurally like any code;
   * whether it is constant is the validator's question.
   */
  private ConstExpr constExpr() {
    int start = in.pos;
    int n = CodeStructure.walk(instructions, in, null);
    int end = in.pos;
    if (n == 2) {
      // Re-read the single instruction to keep its immediate.
      int savedLimit = in.limit;
      instructions.reset(start, end);
      int op = instructions.next();
      long imm =
          switch (op) {
            case Opcodes.I32_CONST, Opcodes.I64_CONST, Opcodes.F32_CONST, Opcodes.F64_CONST ->
                instructions.constBits();
            case Opcodes.GLOBAL_GET, Opcodes.REF_FUNC -> instructions.index() & 0xFFFF_FFFFL;
            case Opcodes.REF_NULL -> instructions.valType().code();
            default -> Long.MIN_VALUE;
          };
      in.pos = end;
      in.limit = savedLimit;
      if (imm != Long.MIN_VALUE) {
        return new ConstExpr(start, end, op, imm);
      }
    }
    return new ConstExpr(start, end, ConstExpr.COMPOUND, 0);
  }

  // ---- element and data segments ----

  private void elementSegment() {
    int start = in.pos;
    int at = in.pos;
    long flags = in.u32L();
    if (flags > 7) {
      throw in.error("malformed elements segment kind " + flags, at);
    }
    int encoding = (int) flags;
    boolean passiveOrDeclarative = (encoding & 1) != 0;
    boolean explicitTable = (encoding & 2) != 0;
    boolean expressions = (encoding & 4) != 0;

    SegmentMode mode =
        !passiveOrDeclarative
            ? SegmentMode.ACTIVE
            : explicitTable ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
    int table = 0;
    ConstExpr offset = null;
    if (mode == SegmentMode.ACTIVE) {
      if (explicitTable) {
        table = in.u32();
      }
      offset = constExpr();
    }
    ValType type = ValType.FUNCREF;
    if (encoding != 0 && encoding != 4) {
      if (expressions) {
        type = in.refType();
      } else {
        int kindAt = in.pos;
        int kind = in.u8();
        if (kind != 0) {
          throw in.error("malformed element kind 0x" + Integer.toHexString(kind), kindAt);
        }
      }
    }
    long count = in.u32L();
    List<ConstExpr> items = new ArrayList<>((int) Math.min(count, in.remaining()));
    for (long i = 0; i < count; i++) {
      if (expressions) {
        items.add(constExpr());
      } else {
        int idxAt = in.pos;
        long index = in.u32L();
        items.add(new ConstExpr(idxAt, in.pos, Opcodes.REF_FUNC, index));
      }
    }
    elements.add(new ElementSegment(mode, type, table, offset, items, encoding, start));
  }

  private void dataSegment() {
    int start = in.pos;
    int at = in.pos;
    long flags = in.u32L();
    if (flags > 2) {
      throw in.error("malformed data segment kind " + flags, at);
    }
    int memory = 0;
    ConstExpr offset = null;
    SegmentMode mode = flags == 1 ? SegmentMode.PASSIVE : SegmentMode.ACTIVE;
    if (flags == 2) {
      memory = in.u32();
    }
    if (mode == SegmentMode.ACTIVE) {
      offset = constExpr();
    }
    long length = in.u32L();
    if (length > in.remaining()) {
      int dataStart = in.pos;
      in.pos = in.limit;
      throw in.error(
          "unexpected end of section or function: data segment of "
              + length
              + " bytes, "
              + (in.limit - dataStart)
              + " left",
          dataStart);
    }
    int dataStart = in.pos;
    in.pos += (int) length;
    data.add(new DataSegment(mode, memory, offset, dataStart, (int) length, start));
  }

  // ---- code ----

  private void codeSection() {
    long count = in.u32L();
    in.itemKind = "function";
    for (long i = 0; i < count; i++) {
      int functionIndex = importedFunctions + (int) Math.min(i, Integer.MAX_VALUE - importedFunctions);
      in.item = functionIndex;
      bodies.add(functionBody(functionIndex));
    }
    in.item = -1;
  }

  private FunctionBody functionBody(int functionIndex) {
    int size = in.length("function body");
    int start = in.pos;
    int end = start + size;

    int localsAt = in.pos;
    long groupCount = in.u32L();
    List<LocalGroup> locals = new ArrayList<>((int) Math.min(groupCount, in.remaining()));
    long total = 0;
    for (long g = 0; g < groupCount; g++) {
      long n = in.u32L();
      ValType t = in.valType();
      total += n;
      locals.add(new LocalGroup(n, t));
    }
    if (total > 0xFFFF_FFFFL) {
      throw in.error("too many locals: " + total + " declared, at most 2^32-1", localsAt);
    }
    int codeStart = in.pos;

    // Like the spec's decoder, read the instructions up to the end closing the body, wherever
    // that is, then compare with the declared size: a body whose end is missing or misplaced
    // reads on into what follows and is told apart by what it finds there.
    int sectionLimit = in.limit;
    in.limit = bytes.length;
    CodeStructure.walk(instructions, in, this::observeCode);
    in.limit = sectionLimit;
    if (in.pos != end) {
      throw in.error(
          "section size mismatch: function "
              + functionIndex
              + " declares a body of "
              + size
              + " bytes but its end opcode is at 0x"
              + Integer.toHexString(in.pos - 1),
          start);
    }
    return new FunctionBody(functionIndex, locals, total, start, codeStart, end);
  }

  // Code that names data segments needs a data count section. Whether that is an error is
  // decided after the data section: in a module without data segments such an index is unknown
  // anyway, which the validator reports as such ("unknown data segment"), as the spec tests
  // expect of modules that wast2json wrote without a data count section.
  private void observeCode(InstructionReader r, int opcode) {
    if ((opcode == Opcodes.MEMORY_INIT || opcode == Opcodes.DATA_DROP)
        && dataCount < 0
        && firstDataIndexUse < 0) {
      firstDataIndexUse = r.offset();
      firstDataIndexUseOpcode = opcode;
    }
  }

  // ---- custom sections ----

  private void customSection(int start, int end) {
    String name = in.name();
    int contentStart = in.pos;
    byte[] content = Arrays.copyOfRange(bytes, contentStart, end);
    in.pos = end;
    customSections.add(new CustomSection(name, start, contentStart, end, content));
    if (name.equals("name")) {
      // The spec lets engines ignore a malformed name section; say so rather than fail.
      NameSectionParser parser = new NameSectionParser(bytes, contentStart, end);
      names = parser.parse();
      if (parser.problem() != null) {
        warnings.add("name section partly ignored: " + parser.problem());
      }
    }
  }
}
