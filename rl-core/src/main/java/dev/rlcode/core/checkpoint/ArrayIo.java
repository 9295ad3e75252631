package dev.rlcode.core.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Chunked little-endian encoding of primitive arrays to files, hashing with SHA-256 on the way. */
final class ArrayIo {

    /* Implementation notes
     * Arrays go through a 1 MiB buffer, so an array larger than 2 GiB of bytes (a big replay buffer) still works
     * and no second full-size copy is made. The chunk size is a multiple of every element size. */

    private static final int CHUNK_BYTES = 1 << 20;

    private ArrayIo() {}

    private static int bufferBytes(int length, int size) {
        return (int) Math.min(CHUNK_BYTES, (long) Math.max(length, 1) * size);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Writes {@code array} to a new file {@code file} (which must not exist), forces it to disk, returns its hash. */
    static String write(Path file, Object array) throws IOException {
        Dtype dtype = Dtype.of(array);
        int n = Dtype.length(array), size = dtype.byteSize(), perChunk = CHUNK_BYTES / size;
        MessageDigest md = sha256();
        ByteBuffer buf = ByteBuffer.allocate(bufferBytes(n, size)).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int off = 0; off < n; off += perChunk) {
                int k = Math.min(perChunk, n - off);
                buf.clear();
                switch (array) {
                    case float[] a -> buf.asFloatBuffer().put(a, off, k);
                    case int[] a -> buf.asIntBuffer().put(a, off, k);
                    case long[] a -> buf.asLongBuffer().put(a, off, k);
                    case double[] a -> buf.asDoubleBuffer().put(a, off, k);
                    case byte[] a -> buf.put(a, off, k);
                    default -> throw new AssertionError(array.getClass());
                }
                buf.limit(k * size).position(0);
                md.update(buf.duplicate());
                while (buf.hasRemaining()) ch.write(buf);
            }
            ch.force(true);
        }
        return hex(md.digest());
    }

    /**
     * Reads {@code length} elements of {@code dtype} from {@code file}, feeding every byte to {@code md}.
     *
     * @throws EOFException if the file ends early
     */
    static Object read(Path file, Dtype dtype, int length, MessageDigest md) throws IOException {
        Object array = dtype.newArray(length);
        int size = dtype.byteSize(), perChunk = CHUNK_BYTES / size;
        ByteBuffer buf = ByteBuffer.allocate(bufferBytes(length, size)).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int off = 0; off < length; off += perChunk) {
                int k = Math.min(perChunk, length - off);
                buf.clear().limit(k * size);
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) throw new EOFException(file + " ended early");
                }
                buf.flip();
                md.update(buf.duplicate());
                switch (array) {
                    case float[] a -> buf.asFloatBuffer().get(a, off, k);
                    case int[] a -> buf.asIntBuffer().get(a, off, k);
                    case long[] a -> buf.asLongBuffer().get(a, off, k);
                    case double[] a -> buf.asDoubleBuffer().get(a, off, k);
                    case byte[] a -> buf.get(a, off, k);
                    default -> throw new AssertionError(array.getClass());
                }
            }
        }
        return array;
    }
}
