package dev.tricolor.wasm.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsNumbersTest {
  // Expected texts are what node -e 'console.log(String(x))' prints.
  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "2.5, 2.5",
    "-0.0, 0",
    "100, 100",
    "0.1, 0.1",
    "0.002, 0.002",
    "1e-7, 1e-7",
    "1.5e-7, 1.5e-7",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "123456789012345680000, 123456789012345680000",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "5e-324, 5e-324",
    "-3.25, -3.25",
    "0.30000000000000004, 0.30000000000000004",
    "2e-3, 0.002",
    "1700000000000, 1700000000000",
  })
  void formatsAsJavaScriptDoes(double value, String expected) {
    assertEquals(expected, JsNumbers.toString(value));
  }

  @ParameterizedTest
  @CsvSource({"NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity"})
  void specialValues(String in, String expected) {
    assertEquals(expected, JsNumbers.toString(Double.parseDouble(in)));
  }
}
