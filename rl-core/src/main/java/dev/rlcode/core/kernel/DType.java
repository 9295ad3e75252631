package dev.rlcode.core.kernel;

/** Element type of a {@link Buffer}: 32-bit float for tensors, 32-bit int for indices and masks (0 = masked). */
public enum DType { F32, I32 }
