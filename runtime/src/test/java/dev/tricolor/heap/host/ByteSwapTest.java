package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.exec.WasmFunction;
import dev.tricolor.wasm.model.FunctionImport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The host's byte swaps against AssemblyScript's own: the {@code byteorder} program's
 * {@code bswap<T>} polyfill and big-endian DataView writes, compiled by asc and run in the
 * engine, for random values; the same swaps as the host runtime's {@code tricolor.bswap*}
 * functions; and asc inlining or compiling the polyfill rather than importing anything.
 */
class ByteSwapTest {
  private final ModeRun program = ModeRun.guest("debug", "byteorder");
  private final Imports host = new HostRuntime().imports(program.store);

  @Test
  void swapsAreAssemblyScriptsPolyfill() {
    SplittableRandom r = new SplittableRandom(16);
    for (int i = 0; i < 2000; i++) {
      int x = r.nextInt();
      long y = r.nextLong();
      assertEquals(program.value("swap16", x & 0xffff), ByteSwap.bswap16(x), "bswap<u16> " + x);
      assertEquals(program.value("swapI16", (short) x), (short) ByteSwap.bswap16(x), "bswap<i16> " + x);
      assertEquals((int) program.value("swap32", x), ByteSwap.bswap32(x), "bswap<u32> " + x);
      assertEquals(program.value("swap64", y), ByteSwap.bswap64(y), "bswap<u64> " + y);
      assertEquals(ByteSwap.bswap16(x), (int) call("bswap16", x));
      assertEquals(ByteSwap.bswap32(x), (int) call("bswap32", x));
      assertEquals(ByteSwap.bswap64(y), call("bswap64", y));
    }
  }

  @Test
  void bigEndianReadingsReadWhatDataViewWrote() {
    SplittableRandom r = new SplittableRandom(61);
    for (int i = 0; i < 200; i++) {
      int a = r.nextInt(1 << 16);
      int b = r.nextInt();
      long c = r.nextLong();
      int p = (int) program.value("writeBigEndian", a, b, c);
      byte[] m = program.instance.memory().bytes();
      assertEquals(a, ByteSwap.loadU16BigEndian(m, p));
      assertEquals(b, ByteSwap.loadI32BigEndian(m, p + 2));
      assertEquals(c, ByteSwap.loadI64BigEndian(m, p + 8));
      assertEquals(b, (int) program.value("readUint32BigEndian", 2));
    }
  }

  @Test
  void ascImportsNoByteSwap() {
    assertTrue(program.module.imports().stream()
        .noneMatch(i -> i.descriptor() instanceof FunctionImport && i.name().contains("swap")),
        "the polyfill is compiled into the module: " + program.module.imports());
  }

  private long call(String name, long arg) {
    return program.store.interpreter().invoke((WasmFunction) host.get(HostRuntime.MODULE, name), arg)[0];
  }
}
