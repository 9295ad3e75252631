public class SlidingMax {

    public static int[] maxes(int[] xs, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k < 1: " + k);
        }
        if (k > xs.length) {
            return new int[0];
        }
        int[] out = new int[xs.length - k + 1];
        java.util.ArrayDeque<Integer> window = new java.util.ArrayDeque<>();
        for (int i = 0; i < xs.length; i++) {
            while (!window.isEmpty() && window.peekFirst() <= i - k) {
                window.pollFirst();
            }
            while (!window.isEmpty() && xs[window.peekLast()] <= xs[i]) {
                window.pollLast();
            }
            window.addLast(i);
            if (i >= k - 1) {
                out[i - k + 1] = xs[window.peekFirst()];
            }
        }
        return out;
    }
}
