package dev.tricolor.wasm.validate;

/**
 * What validating a module learnt about its code.
 *
 * @param maxStackHeights for each defined function (in code section order), the highest the
 *     operand stack gets, in values, counting from the function's first instruction
 */
public record ValidationResult(int[] maxStackHeights) {}
