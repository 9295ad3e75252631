public class Rotate {

    public static int[] rotateRight(int[] xs, int k) {
        int n = xs.length;
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[(int) Math.floorMod((long) i + k, (long) n)] = xs[i];
        }
        return out;
    }
}
