public class Cipher {

    public static String encode(String message, int key) {
        return RunLength.encode(Caesar.shift(message, key));
    }
}
