package dev.rlcode.core.checkpoint;

import java.util.Objects;

/**
 * One entry of a checkpoint manifest's {@code arrays} list: a named array stored in its own little-endian file.
 *
 * @param name   the array's name, unique in the checkpoint
 * @param dtype  element type
 * @param length number of elements (not bytes)
 * @param file   file name inside the checkpoint directory
 * @param sha256 lower-case hex SHA-256 of the file's bytes (64 characters)
 */
public record ArrayEntry(String name, Dtype dtype, int length, String file, String sha256) {

    public ArrayEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        if (length < 0) throw new IllegalArgumentException("array length: expected >= 0, actual " + length);
    }

    /** {@return the file's expected size in bytes} */
    public long byteLength() {
        return (long) length * dtype.byteSize();
    }
}
