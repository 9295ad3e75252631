public class Mode {

    public static int mode(int[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("empty array");
        }
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int x : xs) {
            counts.merge(x, 1, Integer::sum);
        }
        int best = 0;
        int bestCount = -1;
        for (java.util.Map.Entry<Integer, Integer> e : counts.entrySet()) {
            int value = e.getKey();
            int count = e.getValue();
            if (count > bestCount || (count == bestCount && value < best)) {
                best = value;
                bestCount = count;
            }
        }
        return best;
    }
}
