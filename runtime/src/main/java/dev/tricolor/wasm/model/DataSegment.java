package dev.tricolor.wasm.model;

/**
 * A data segment.
 *
 * @param mode active or passive
 * @param memoryIndex the memory an active segment initializes (0 for passive ones)
 * @param offset the offset expression of an active segment, else null
 * @param dataStart byte offset of the segment's first data byte in the module file
 * @param dataLength number of data bytes
 * @param start byte offset of the segment in the module file
 */
public record DataSegment(
    SegmentMode mode, int memoryIndex, ConstExpr offset, int dataStart, int dataLength, int start) {}
