package dev.rlcode.envs.code.sandbox;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Length-prefixed strings and byte arrays on data streams (no 64 KiB limit, unlike {@code writeUTF}). */
final class Wire {
    /** Largest string or byte array accepted from the other side. */
    static final int MAX_LENGTH = 64 << 20;

    private Wire() {
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LENGTH) {
            throw new IOException("length: expected 0.." + MAX_LENGTH + ", actual " + n);
        }
        return in.readNBytes(n);
    }
}
