public class CacheReport {

    public static String report(int capacity, int[] requests) {
        if (requests.length == 0) {
            return "misses=0 hottest=none";
        }
        return "misses=" + LruCache.misses(capacity, requests) + " hottest=" + Mode.mode(requests);
    }
}
