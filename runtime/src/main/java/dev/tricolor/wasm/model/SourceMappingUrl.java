package dev.tricolor.wasm.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Reads the content of a {@code sourceMappingURL} custom section: a u32 length, then UTF-8. */
final class SourceMappingUrl {
  private SourceMappingUrl() {}

  static String decode(byte[] content) {
    long length = 0;
    int pos = 0;
    int shift = 0;
    while (true) {
      if (pos >= content.length || shift > 28) {
        return null;
      }
      int b = content[pos++] & 0xFF;
      length |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (length > content.length - pos) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(content, pos, (int) length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
