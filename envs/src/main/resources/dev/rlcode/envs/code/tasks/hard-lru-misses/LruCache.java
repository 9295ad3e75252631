public class LruCache {

    public static int misses(int capacity, int[] requests) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0: " + capacity);
        }
        java.util.LinkedHashMap<Integer, Boolean> cache = new java.util.LinkedHashMap<>(16, 0.75f, true);
        int misses = 0;
        for (int key : requests) {
            if (cache.get(key) != null) {
                continue;
            }
            misses++;
            if (capacity == 0) {
                continue;
            }
            if (cache.size() == capacity) {
                Integer eldest = cache.keySet().iterator().next();
                cache.remove(eldest);
            }
            cache.put(key, Boolean.TRUE);
        }
        return misses;
    }
}
